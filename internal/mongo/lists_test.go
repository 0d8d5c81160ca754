package mongo_test

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/mongo"
	"github.com/anju-cn/anju/internal/page"
)

// pages are the windows every list is compared on.
var pages = []page.Request{{Page: 2, Size: 7}, {Page: 1, Size: 200}}

func sameList[T any](t *testing.T, what string, f any, a, b page.Of[T], err1, err2 error) {
	t.Helper()
	if err1 != nil || err2 != nil {
		t.Fatalf("%s %+v: %v / %v", what, f, err1, err2)
	}
	if a.Total != b.Total || !reflect.DeepEqual(a.Items, b.Items) {
		t.Fatalf("%s %+v: SQLite indexes %d items of %d, FerretDB queries %d of %d\n%+v\n%+v", what, f, len(a.Items), a.Total, len(b.Items), b.Total, a.Items, b.Items)
	}
}

// compareLists asks every list of the small collections of the embedded path (SQLite's expression
// indexes, then reads by _id) and of FerretDB queries (the MongoDB path) over the same data: the
// audit trail by entity, id, user, county, site and time; placements by member, household,
// position, site, county, status and channel; positions and employers; users. Answers must be equal,
// item for item, with the same totals.
func compareLists(t *testing.T, model, query *mongo.DB) {
	t.Helper()
	ctx := context.Background()
	// The values to filter on are taken from the data, plus one that matches nothing.
	var entries []audit.Entry
	for p := 1; ; p++ {
		es, err := query.ListAudit(ctx, audit.Filter{Page: page.Request{Page: p, Size: 200}})
		if err != nil {
			t.Fatal(err)
		}
		entries = append(entries, es.Items...)
		if len(es.Items) < 200 {
			break
		}
	}
	if len(entries) < 100 {
		t.Fatalf("only %d audit entries: the test exercises too little", len(entries))
	}
	vals := func(get func(audit.Entry) string) []string {
		seen := map[string]bool{"": true, "nothing": true}
		out := []string{"", "nothing"}
		for i, e := range entries {
			if v := get(e); !seen[v] && len(out) < 4 && i%3 == 0 {
				seen[v] = true
				out = append(out, v)
			}
		}
		return out
	}
	var times []time.Time
	for i := len(entries) / 3; i < len(entries); i += len(entries)/3 + 1 {
		times = append(times, entries[i].At)
	}
	var afs []audit.Filter
	for _, ent := range vals(func(e audit.Entry) string { return e.Entity }) {
		afs = append(afs, audit.Filter{Entity: ent})
	}
	for _, id := range vals(func(e audit.Entry) string { return e.EntityID }) {
		afs = append(afs, audit.Filter{Entity: "household", EntityID: id})
	}
	for _, u := range vals(func(e audit.Entry) string { return e.UserID }) {
		afs = append(afs, audit.Filter{UserID: u}, audit.Filter{UserID: u, CountyCode: "140524"})
	}
	for _, s := range vals(func(e audit.Entry) string { return e.SiteID }) {
		afs = append(afs, audit.Filter{SiteID: s, CountyCode: "140524"})
	}
	for _, c := range []string{"140524", "140525"} {
		afs = append(afs, audit.Filter{CountyCode: c})
	}
	for _, from := range times {
		for _, to := range times {
			afs = append(afs, audit.Filter{From: from, To: to, CountyCode: "140524"})
		}
	}
	for _, f := range afs {
		for _, r := range pages {
			f.Page = r
			a, err1 := model.ListAudit(ctx, f)
			b, err2 := query.ListAudit(ctx, f)
			sameList(t, "audit", f, a, b, err1, err2)
		}
	}

	var all []job.Placement
	if err := query.EachPlacement(ctx, job.PlacementFilter{}, func(p job.Placement) error { all = append(all, p); return nil }); err != nil {
		t.Fatal(err)
	}
	if len(all) < 20 {
		t.Fatalf("only %d placements: the test exercises too little", len(all))
	}
	pfs := []job.PlacementFilter{{}, {Status: job.PlacementActive}, {Status: job.PlacementEnded}, {CountyCode: "140524"},
		{SiteIDs: []string{}}, {MemberID: "nobody"}, {Channel: "自主创业"}}
	for i, p := range all {
		if i%(len(all)/4) == 0 {
			pfs = append(pfs, job.PlacementFilter{MemberID: p.MemberID}, job.PlacementFilter{HouseholdID: p.HouseholdID},
				job.PlacementFilter{SiteIDs: []string{p.SiteID}}, job.PlacementFilter{SiteIDs: []string{p.SiteID}, Status: job.PlacementActive},
				job.PlacementFilter{Channel: string(p.Channel), CountyCode: p.CountyCode})
			if p.PositionID != "" {
				pfs = append(pfs, job.PlacementFilter{PositionID: p.PositionID}, job.PlacementFilter{PositionID: p.PositionID, Status: job.PlacementActive})
			}
		}
	}
	for _, f := range pfs {
		for _, r := range pages {
			f.Page = r
			a, err1 := model.ListPlacements(ctx, f)
			b, err2 := query.ListPlacements(ctx, f)
			sameList(t, "placements", f, a, b, err1, err2)
		}
		var ea, eb []string
		_ = model.EachPlacement(ctx, f, func(p job.Placement) error { ea = append(ea, fmt.Sprint(p.ID, p.Version)); return nil })
		_ = query.EachPlacement(ctx, f, func(p job.Placement) error { eb = append(eb, fmt.Sprint(p.ID, p.Version)); return nil })
		if !reflect.DeepEqual(ea, eb) {
			t.Fatalf("placements %+v: scans differ: %d vs %d", f, len(ea), len(eb))
		}
	}

	var positions []job.Position
	_ = query.EachPosition(ctx, job.PositionFilter{}, func(p job.Position) error { positions = append(positions, p); return nil })
	qfs := []job.PositionFilter{{}, {CountyCode: "140524"}, {CountyCode: "140524", Status: job.PositionOpen}, {Status: job.PositionOpen}, {CountyCode: "nothing"}}
	for _, p := range positions[:1] {
		qfs = append(qfs, job.PositionFilter{EmployerID: p.EmployerID}, job.PositionFilter{Channel: p.Channel, CountyCode: p.CountyCode})
	}
	for _, f := range qfs {
		for _, r := range pages {
			f.Page = r
			a, err1 := model.ListPositions(ctx, f)
			b, err2 := query.ListPositions(ctx, f)
			sameList(t, "positions", f, a, b, err1, err2)
		}
	}
	for _, f := range []job.EmployerFilter{{}, {CountyCode: "140524"}, {CountyCode: "nothing"}} {
		for _, r := range pages {
			f.Page = r
			a, err1 := model.ListEmployers(ctx, f)
			b, err2 := query.ListEmployers(ctx, f)
			sameList(t, "employers", f, a, b, err1, err2)
		}
	}
	for _, r := range pages {
		a, err1 := model.ListUsers(ctx, r)
		b, err2 := query.ListUsers(ctx, r)
		sameList(t, "users", r, a, b, err1, err2)
	}
	na, _ := model.CountUsers(ctx)
	nb, _ := query.CountUsers(ctx)
	if na != nb {
		t.Fatalf("users: %d vs %d", na, nb)
	}
}
