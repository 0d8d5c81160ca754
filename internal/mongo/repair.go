package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/anju-cn/anju/internal/household"
)

// Repair finds what a crash between two dependent writes can leave behind and fixes it: person claims
// whose household does not hold that ID number are released (on MongoDB only those older than the
// grace period, since another instance may be registering that household right now). It runs at
// start-up, before requests are served. Further repairs (positions, placements) are registered in
// repairs.
func (d *DB) Repair(ctx context.Context) error {
	t := time.Now()
	if err := d.repairClaims(ctx); err != nil {
		return err
	}
	d.log.Debug("repair: person claims checked", "took", time.Since(t))
	for _, r := range repairs {
		t = time.Now()
		if err := r(ctx, d); err != nil {
			return err
		}
		d.log.Debug("repair: step done", "took", time.Since(t))
	}
	return nil
}

// repairs are the further start-up repair steps, registered by the files that own the data.
var repairs []func(context.Context, *DB) error

func (d *DB) repairClaims(ctx context.Context) error {
	held := map[string]string{} // ID number -> household id
	if err := d.EachHousehold(ctx, household.Filter{}, func(h *household.Household) error {
		for _, m := range h.Members {
			held[m.IDNumber] = h.ID
		}
		return nil
	}); err != nil {
		return err
	}
	var orphans []string
	cutoff := time.Now().Add(-d.repairGrace())
	check := func(p *personDoc) error {
		if held[p.ID] != p.HouseholdID && !p.ClaimedAt.After(cutoff) {
			orphans = append(orphans, p.ID)
		}
		return nil
	}
	if d.sq != nil {
		if err := scanAll(ctx, d, colPersons, check); err != nil {
			return err
		}
	} else {
		pc, err := d.c(colPersons).Find(ctx, bson.D{})
		if err != nil {
			return mapErr(err, "repair scan persons")
		}
		for pc.Next(ctx) {
			var p personDoc
			if err := pc.Decode(&p); err != nil {
				return mapErr(err, "repair decode person")
			}
			_ = check(&p)
		}
		if err := pc.Err(); err != nil {
			return mapErr(err, "repair scan persons")
		}
	}
	if len(orphans) > 0 {
		d.log.Warn("repair: releasing person claims without a household", "count", len(orphans))
		d.release(ctx, orphans)
	}
	return nil
}
