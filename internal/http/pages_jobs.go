package http

import (
	"github.com/anju-cn/anju/internal/job"
)

// placementRow is one placement in a list.
type placementRow struct {
	job.Placement
	Active bool
}

func placementRows(ps []job.Placement) []placementRow {
	out := make([]placementRow, 0, len(ps))
	for _, p := range ps {
		out = append(out, placementRow{Placement: p, Active: p.EndDate.IsZero()})
	}
	return out
}
