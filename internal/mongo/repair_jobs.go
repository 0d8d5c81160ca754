package mongo

import (
	"context"
	"strings"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

func init() { repairs = append(repairs, repairPlacements) }

// repairPlacements makes positions, claims and household summaries agree with the active
// placements, which are the record of truth: a position's filled count is its number of active
// placements; a claim stands only while its placement is active; a member's employment summary
// names their active placement or nothing.
//
// On MongoDB other instances may be half-way through a hire or an exit while this one starts, so
// claims younger than the grace period are left alone, and counts and summaries are corrected only
// when no claim or placement changed within it (otherwise the next start does it).
func repairPlacements(ctx context.Context, d *DB) error {
	// Only active placements matter here, read on the status index: the history of ended ones
	// grows without bound and holds no claim, slot or summary.
	var all []job.Placement
	if err := d.EachPlacement(ctx, job.PlacementFilter{Status: job.PlacementActive}, func(p job.Placement) error { all = append(all, p); return nil }); err != nil {
		return err
	}
	cutoff := time.Now().Add(-d.repairGrace())
	changed, err := d.countWhere(ctx, colPlacements, bson.D{{Key: "updatedAt", Value: bson.D{{Key: "$gt", Value: cutoff}}}})
	if err != nil {
		return err
	}
	quiet := changed == 0
	byID := map[string]*job.Placement{}
	byMember := map[string]*job.Placement{}
	perPosition := map[string]int{}
	for i := range all {
		p := &all[i]
		byID[p.ID], byMember[p.MemberID] = p, p
		if p.PositionID != "" {
			perPosition[p.PositionID]++
		}
	}
	cur, err := d.c(colClaims).Find(ctx, bson.D{})
	if err != nil {
		return mapErr(err, "repair claims")
	}
	var claims []claimDoc
	if err := cur.All(ctx, &claims); err != nil {
		return mapErr(err, "repair claims")
	}
	for _, c := range claims {
		if c.At.After(cutoff) {
			quiet = false
			continue
		}
		p := byID[c.Owner]
		kind, key, _ := strings.Cut(c.ID, ":")
		valid := p != nil && ((kind == "active" && p.MemberID == key) || (kind == "welfare" && p.HouseholdID == key && p.Channel == labor.Welfare))
		if !valid {
			d.log.Warn("repair: releasing a claim without an active placement", "claim", c.ID)
			d.releaseKey(ctx, c.ID, c.Owner)
		}
	}
	if !quiet {
		d.log.Info("repair: placements changed within the grace period; position counts and summaries are checked at the next start")
		return nil
	}
	err = d.EachPosition(ctx, job.PositionFilter{}, func(p job.Position) error {
		if want := perPosition[p.ID]; p.Filled != want {
			d.log.Warn("repair: position filled count corrected", "position", p.ID, "was", p.Filled, "now", want)
			if _, err := d.casUpdate(ctx, colPositions, p.ID, p.Version,
				bson.D{{Key: "$set", Value: bson.D{{Key: "filled", Value: want}}}, {Key: "$inc", Value: bson.D{{Key: "version", Value: 1}}}}); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	return d.EachHousehold(ctx, household.Filter{}, func(h *household.Household) error {
		stale := false
		for _, m := range h.Members {
			want := byMember[m.ID]
			if (want == nil) != (m.Employment == nil) || (want != nil && m.Employment.PlacementID != want.ID) {
				stale = true
			}
		}
		if !stale {
			return nil
		}
		d.log.Warn("repair: member employment summaries corrected", "household", h.ID)
		_, err := d.MutateHousehold(ctx, h.ID, func(h *household.Household) error {
			for i := range h.Members {
				m := &h.Members[i]
				m.Employment = nil
				if p := byMember[m.ID]; p != nil {
					m.Employment = summaryOf(p)
				}
			}
			h.RefreshZero(h.UpdatedAt)
			return nil
		})
		return err
	})
}

// repairGrace is how old an unfinished step must be before the repair pass touches it: none on the
// embedded database (repair runs before this process serves, and no other process can write), ten
// minutes on MongoDB, where other instances may be working.
func (d *DB) repairGrace() time.Duration {
	if d.kind == Embedded {
		return 0
	}
	return 10 * time.Minute
}
