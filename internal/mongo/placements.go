package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/page"
)

func activeKey(memberID string) string     { return "active:" + memberID }
func welfareKey(householdID string) string { return "welfare:" + householdID }

// Hire records a new active placement. Without transactions, the steps are ordered so that a crash
// between any two leaves something Repair finds and fixes:
//  1. claim "active:<member>" (one active placement per member, an _id insert, atomic everywhere);
//  2. when welfareCap, claim "welfare:<household>" (one 公益性岗位 per household);
//  3. take a slot of the position, if any (compare-and-set under the position's lock: never overfilled);
//  4. insert the placement;
//  5. write the member's employment summary into the household (compare-and-set on its version).
//
// A failure undoes the earlier steps. Errors: conflict when the member already holds a placement, the
// household already holds a 公益性岗位, or the position is full; not_found when the position is gone.
func (d *DB) Hire(ctx context.Context, p *job.Placement, welfareCap bool) error {
	p.ID, p.Version, p.Status = newID("j"), 1, job.PlacementActive
	var undo []func()
	rollback := func() {
		for i := len(undo) - 1; i >= 0; i-- {
			undo[i]()
		}
	}
	if err := d.claimKey(ctx, activeKey(p.MemberID), p.ID); err != nil {
		if apperr.Is(err, apperr.Conflict) {
			return job.ErrMemberPlaced
		}
		return err
	}
	undo = append(undo, func() { d.releaseKey(ctx, activeKey(p.MemberID), p.ID) })
	if welfareCap {
		if err := d.claimKey(ctx, welfareKey(p.HouseholdID), p.ID); err != nil {
			rollback()
			if apperr.Is(err, apperr.Conflict) {
				return job.ErrWelfareTaken
			}
			return err
		}
		undo = append(undo, func() { d.releaseKey(ctx, welfareKey(p.HouseholdID), p.ID) })
	}
	if p.PositionID != "" {
		if err := d.takeSlot(ctx, p.PositionID); err != nil {
			rollback()
			return err
		}
		undo = append(undo, func() {
			if err := d.releaseSlot(context.WithoutCancel(ctx), p.PositionID); err != nil {
				d.log.Error("release slot", "position", p.PositionID, "err", err)
			}
		})
	}
	if _, err := d.c(colPlacements).InsertOne(ctx, placementToDoc(p)); err != nil {
		rollback()
		return mapErr(err, "insert placement")
	}
	undo = append(undo, func() {
		_, _ = d.c(colPlacements).DeleteOne(context.WithoutCancel(ctx), bson.D{{Key: "_id", Value: p.ID}})
	})
	_, err := d.MutateHousehold(ctx, p.HouseholdID, func(h *household.Household) error {
		m := h.Member(p.MemberID)
		if m == nil {
			return household.ErrMemberNotFound
		}
		// Checked again here, on the version being written: the household may have moved out, or the
		// member lost capacity, since the rules were checked.
		if h.Status != household.StatusResident || !m.Workable() {
			return job.ErrHouseholdChanged
		}
		if m.Employment != nil && m.Employment.PlacementID != p.ID {
			return job.ErrMemberPlaced
		}
		m.Employment = summaryOf(p)
		h.UpdatedAt = p.CreatedAt
		h.RefreshZero(p.CreatedAt)
		return nil
	})
	if err != nil {
		rollback()
		return err
	}
	return nil
}

func summaryOf(p *job.Placement) *household.Employment {
	return &household.Employment{PlacementID: p.ID, Channel: p.Channel, EmployerName: p.EmployerName,
		PositionTitle: p.PositionTitle, StartDate: p.StartDate, MonthlyIncome: p.MonthlyIncome}
}

// GetPlacement returns a placement; not_found when there is none.
func (d *DB) GetPlacement(ctx context.Context, id string) (job.Placement, error) {
	var doc placementDoc
	if err := findByID(ctx, d, colPlacements, id, &doc); err != nil {
		if err = mapErr(err, "get placement"); apperr.Is(err, apperr.NotFound) {
			return job.Placement{}, job.ErrPlacementNotFound
		}
		return job.Placement{}, err
	}
	return doc.toPlacement(), nil
}

func placementQuery(f job.PlacementFilter) bson.D {
	q := bson.D{}
	if f.SiteIDs != nil {
		q = append(q, bson.E{Key: "siteId", Value: bson.D{{Key: "$in", Value: f.SiteIDs}}})
	}
	for _, kv := range [][2]string{{"countyCode", f.CountyCode}, {"status", f.Status}, {"memberId", f.MemberID},
		{"positionId", f.PositionID}, {"householdId", f.HouseholdID}, {"channel", f.Channel}} {
		if kv[1] != "" {
			q = append(q, bson.E{Key: kv[0], Value: kv[1]})
		}
	}
	return q
}

var placementOrder = bson.D{{Key: "startDate", Value: -1}, {Key: "_id", Value: 1}}

// ListPlacements returns one page of placements, newest start first, and the total.
func (d *DB) ListPlacements(ctx context.Context, f job.PlacementFilter) (page.Of[job.Placement], error) {
	return findPage(ctx, d, colPlacements, placementQuery(f), f.Page, placementOrder, placementDoc.toPlacement)
}

// EachPlacement calls fn for every placement matching f (paging ignored), newest start first.
func (d *DB) EachPlacement(ctx context.Context, f job.PlacementFilter, fn func(job.Placement) error) error {
	return each(ctx, d, colPlacements, placementQuery(f), placementOrder, placementDoc.toPlacement, fn)
}

// SavePlacement writes a placement whose Version is the one last read. Errors: conflict, not_found.
func (d *DB) SavePlacement(ctx context.Context, p *job.Placement) error {
	prev := p.Version
	p.Version++
	if err := d.casReplace(ctx, colPlacements, p.ID, prev, placementToDoc(p)); err != nil {
		p.Version = prev
		return err
	}
	return nil
}

// EndPlacement ends an active placement: the placement is marked ended (compare-and-set on its
// version), the position's slot is freed, the member's employment summary is cleared and the claims
// are released, in that order (Repair finishes any step a crash interrupted). Errors: conflict when
// the placement changed or ended in between, not_found.
func (d *DB) EndPlacement(ctx context.Context, p *job.Placement, end time.Time, reason, note string, now time.Time) error {
	if p.Status != job.PlacementActive {
		return job.ErrPlacementEnded
	}
	p.Status, p.EndDate, p.EndReason, p.EndNote, p.UpdatedAt = job.PlacementEnded, end, reason, note, now
	if err := d.SavePlacement(ctx, p); err != nil {
		return err
	}
	if p.PositionID != "" {
		if err := d.releaseSlot(ctx, p.PositionID); err != nil && !apperr.Is(err, apperr.NotFound) {
			return err
		}
	}
	if _, err := d.MutateHousehold(ctx, p.HouseholdID, func(h *household.Household) error {
		if m := h.Member(p.MemberID); m != nil && m.Employment != nil && m.Employment.PlacementID == p.ID {
			m.Employment = nil
			h.UpdatedAt = now
			h.RefreshZero(end) // the 3-day and 5-day clocks run from the day the work ended
		}
		return nil
	}); err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	d.releaseKey(ctx, activeKey(p.MemberID), p.ID)
	d.releaseKey(ctx, welfareKey(p.HouseholdID), p.ID)
	return nil
}

// AddPlacementsBulk stores ended placements as they are, in bulk; placements stored already are
// left as they are. Ended placements hold no claim, slot or summary, so the repair pass has nothing
// to fix. Errors: invalid for an active placement, internal.
func (d *DB) AddPlacementsBulk(ctx context.Context, ps []job.Placement) error {
	docs := make([]any, len(ps))
	for i := range ps {
		if ps[i].Status != job.PlacementEnded {
			return apperr.New(apperr.Invalid, "只能批量写入已结束的就业记录")
		}
		if ps[i].ID == "" {
			ps[i].ID = newID("j")
		}
		docs[i] = placementToDoc(&ps[i])
	}
	return d.insertBulk(ctx, colPlacements, docs)
}
