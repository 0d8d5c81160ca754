package mongo_test

import (
	"testing"

	"github.com/anju-cn/anju/internal/testdb"
)

func TestOccupancy(t *testing.T) {
	db := testdb.Open(t)
	newHousehold(t, db, 2)
	newHousehold(t, db, 0)
	occ, err := db.Occupancy(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if o := occ["s1"]; o.Households != 2 || o.People != 6 {
		t.Fatalf("occupancy %+v, want 2 households, 6 people", o)
	}
}
