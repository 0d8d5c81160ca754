package app_test

import (
	"bytes"
	"context"
	"reflect"
	"strings"
	"testing"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/demo"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/page"
	"github.com/anju-cn/anju/internal/testdb"
)

// rosterFields is what a roster carries of a household: everything but ids, versions, times,
// employment and history.
func rosterFields(h *household.Household) household.Household {
	out := household.Household{Number: h.Number, Origin: h.Origin, RelocationYear: h.RelocationYear, MoveInDate: h.MoveInDate,
		Unit: h.Unit, Phone: h.Phone, HouseholdType: h.HouseholdType, MonitoringType: h.MonitoringType,
		PovertyCauses: h.PovertyCauses, Status: h.Status}
	for _, m := range h.Members {
		out.Members = append(out.Members, household.Member{Name: m.Name, IDNumber: m.IDNumber, Sex: m.Sex, BirthDate: m.BirthDate,
			Relation: m.Relation, Ethnicity: m.Ethnicity, Education: m.Education, SchoolStatus: m.SchoolStatus, Health: m.Health,
			Disability: m.Disability, LaborCapacity: m.LaborCapacity, Skills: m.Skills, JobIntention: m.JobIntention,
			Constraints: m.Constraints, Pensioner: m.Pensioner, Phone: m.Phone})
	}
	if len(out.PovertyCauses) == 0 {
		out.PovertyCauses = nil
	}
	for i := range out.Members {
		m := &out.Members[i]
		if len(m.Skills) == 0 {
			m.Skills = nil
		}
		if len(m.Constraints) == 0 {
			m.Constraints = nil
		}
		if len(m.JobIntention.Kinds) == 0 {
			m.JobIntention.Kinds = nil
		}
	}
	return out
}

func allHouseholds(t *testing.T, svc *app.Services, ctx context.Context, site string) map[string]household.Household {
	t.Helper()
	out := map[string]household.Household{}
	for p := 1; ; p++ {
		res, err := svc.Registration.ListHouseholds(ctx, app.HouseholdQuery{SiteID: site, Page: pageReq(p)})
		if err != nil {
			t.Fatal(err)
		}
		for _, h := range res.Items {
			out[h.Head().IDNumber] = rosterFields(h)
		}
		if len(res.Items) == 0 || len(out) >= res.Total {
			return out
		}
	}
}

// TestRosterExportImportRoundTrip exports the demo site with full ID numbers and imports it into an
// empty instance: the same households and members, field for field (the household numbers too, as
// the new instance numbers them in the same order).
func TestRosterExportImportRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds the demo site (~15 s); skipped with -short")
	}
	ctx := auth.WithCaller(context.Background(), auth.System)
	src := app.New(testdb.Open(t), testdb.Quiet)
	rep, err := src.System.SeedDemo(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	name, err := src.Imports.WriteRoster(ctx, app.RosterQuery{SiteID: rep.SiteID, FullID: true}, &buf)
	if err != nil || !strings.HasSuffix(name, ".xlsx") {
		t.Fatalf("export %q: %v", name, err)
	}
	dst := app.New(testdb.Open(t), testdb.Quiet)
	site := demo.Site()
	created, err := dst.Registration.CreateSite(ctx, site)
	if err != nil {
		t.Fatal(err)
	}
	j, err := dst.Imports.Run(ctx, app.ImportRequest{SiteID: created.ID, FileName: name, Data: buf.Bytes()}, nil)
	if err != nil || j.Status != app.ImportDone {
		t.Fatalf("import: %+v %v", j.Error, err)
	}
	if j.Registered != rep.HouseholdsCreated || j.Rejected != 0 || j.Skipped != 0 {
		t.Fatalf("registered %d of %d, rejected %d: %v", j.Registered, rep.HouseholdsCreated, j.Rejected, j.Report[:min(5, len(j.Report))])
	}
	before, after := allHouseholds(t, src, ctx, rep.SiteID), allHouseholds(t, dst, ctx, created.ID)
	if len(before) != rep.HouseholdsCreated || len(after) != len(before) {
		t.Fatalf("%d households before, %d after", len(before), len(after))
	}
	diffs := 0
	for head, b := range before {
		if a := after[head]; !reflect.DeepEqual(a, b) {
			if diffs++; diffs <= 3 {
				t.Errorf("household %s differs:\nexported %+v\nimported %+v", b.Number, b, a)
			}
		}
	}
	if diffs > 0 {
		t.Fatalf("%d of %d households differ", diffs, len(before))
	}
}

func pageReq(p int) page.Request { return page.Request{Page: p, Size: 200} }
