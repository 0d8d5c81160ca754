package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// Repair finds what a crash between two dependent writes can leave behind and fixes it: person claims
// whose household does not hold that ID number are released (on MongoDB only those older than the
// grace period, since another instance may be registering that household right now). It runs at start-up, before requests
// are served. Further repairs (positions, placements) are registered in repairs.
func (d *DB) Repair(ctx context.Context) error {
	if err := d.repairClaims(ctx); err != nil {
		return err
	}
	for _, r := range repairs {
		if err := r(ctx, d); err != nil {
			return err
		}
	}
	return nil
}

// repairs are the further start-up repair steps, registered by the files that own the data.
var repairs []func(context.Context, *DB) error

func (d *DB) repairClaims(ctx context.Context) error {
	held := map[string]string{} // ID number -> household id
	cur, err := d.c(colHouseholds).Find(ctx, bson.D{}, options.Find().SetProjection(bson.D{{Key: "members.idNumber", Value: 1}}))
	if err != nil {
		return mapErr(err, "repair scan households")
	}
	for cur.Next(ctx) {
		var doc struct {
			ID      string `bson:"_id"`
			Members []struct {
				IDNumber string `bson:"idNumber"`
			} `bson:"members"`
		}
		if err := cur.Decode(&doc); err != nil {
			return mapErr(err, "repair decode household")
		}
		for _, m := range doc.Members {
			held[m.IDNumber] = doc.ID
		}
	}
	if err := cur.Err(); err != nil {
		return mapErr(err, "repair scan households")
	}
	pc, err := d.c(colPersons).Find(ctx, bson.D{})
	if err != nil {
		return mapErr(err, "repair scan persons")
	}
	var orphans []string
	cutoff := time.Now().Add(-d.repairGrace())
	for pc.Next(ctx) {
		var p personDoc
		if err := pc.Decode(&p); err != nil {
			return mapErr(err, "repair decode person")
		}
		if held[p.ID] != p.HouseholdID && !p.ClaimedAt.After(cutoff) {
			orphans = append(orphans, p.ID)
		}
	}
	if err := pc.Err(); err != nil {
		return mapErr(err, "repair scan persons")
	}
	if len(orphans) > 0 {
		d.log.Warn("repair: releasing person claims without a household", "count", len(orphans))
		d.release(ctx, orphans)
	}
	return nil
}
