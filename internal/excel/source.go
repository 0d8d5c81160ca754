package excel

import (
	"time"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/stats"
)

// Households is a scoped pass over stored households: it calls yield with each household and its
// placements (active and ended), stops when yield returns false, and returns a read error. It may be
// called several times, once per sheet, so nothing is held between sheets.
type Households func(yield func(h *household.Household, placements []job.Placement) bool) error

// StatisticsSource is what NewStatisticsWorkbook needs to build the county workbook from storage.
type StatisticsSource struct {
	CountyName string
	AsOf       time.Time                        // the day the figures stand at
	Today      time.Time                        // the day the data-quality checks compute ages on
	Sites      []household.Site                 // the sites of the scope: the summary's rows and the site names
	Households Households                       // the scope's households
	Settings   func(county string) job.Settings // nil: the provincial defaults
	ID         IDFunc                           // how ID numbers are shown: idcard.Mask unless a full export is allowed
}

// NewStatisticsWorkbook counts the summary in one pass over src.Households and returns the workbook
// whose detail sheets each run one more pass when WriteStatistics reads them. A household's
// placements, duplicates of ID numbers across the scope and every figure follow the stats package.
// It returns the error of the first pass.
func NewStatisticsWorkbook(src StatisticsSource) (StatisticsWorkbook, error) {
	names := make(map[string]string, len(src.Sites))
	for _, s := range src.Sites {
		names[s.ID] = s.Name
	}
	siteName := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return id
	}
	c := stats.NewCounter(src.AsOf, src.Sites...)
	err := src.Households(func(h *household.Household, ps []job.Placement) bool {
		c.Add(h, ps)
		return true
	})
	if err != nil {
		return StatisticsWorkbook{}, err
	}
	id := src.ID
	// pass runs one more pass over the households, handing each snapshot to emit.
	pass := func(emit func(s *stats.Snapshot, ps []job.Placement) bool) error {
		return src.Households(func(h *household.Household, ps []job.Placement) bool {
			s := stats.Evaluate(h, ps, src.AsOf)
			return emit(&s, ps)
		})
	}
	settings := src.Settings
	if settings == nil {
		settings = job.DefaultSettings
	}
	wb := StatisticsWorkbook{CountyName: src.CountyName, AsOf: src.AsOf, Report: c.Report()}
	wb.Placements = func(yield func(PlacementRow) bool) error {
		return pass(func(s *stats.Snapshot, _ []job.Placement) bool {
			p, _, _ := DetailRows(s, siteName(s.Household.SiteID), id)
			return yieldAll(p, yield)
		})
	}
	wb.Unemployed = func(yield func(UnemployedRow) bool) error {
		return pass(func(s *stats.Snapshot, _ []job.Placement) bool {
			_, u, _ := DetailRows(s, siteName(s.Household.SiteID), id)
			return yieldAll(u, yield)
		})
	}
	wb.Zero = func(yield func(ZeroRow) bool) error {
		return pass(func(s *stats.Snapshot, _ []job.Placement) bool {
			if _, _, z := DetailRows(s, siteName(s.Household.SiteID), id); z != nil {
				return yield(*z)
			}
			return true
		})
	}
	wb.Quality = func(yield func(QualityRow) bool) error {
		dup := stats.NewDuplicateIDs()
		return src.Households(func(h *household.Household, ps []job.Placement) bool {
			issues := stats.Check(h, ps, settings(h.CountyCode), src.Today)
			for _, is := range append(issues, dup.Check(h)...) {
				if !yield(QualityRowOf(is, siteName(h.SiteID))) {
					return false
				}
			}
			return true
		})
	}
	return wb, nil
}

func yieldAll[T any](rows []T, yield func(T) bool) bool {
	for _, r := range rows {
		if !yield(r) {
			return false
		}
	}
	return true
}

// NoticeRows returns the rows of a site's public notice as of the day asOf, one pass over hs when
// WriteNotice reads them.
func NoticeRows(hs Households, asOf time.Time) Rows[NoticeHousehold] {
	return func(yield func(NoticeHousehold) bool) error {
		return hs(func(h *household.Household, ps []job.Placement) bool {
			s := stats.Evaluate(h, ps, asOf)
			if n, ok := NoticeHouseholdOf(&s); ok {
				return yield(n)
			}
			return true
		})
	}
}
