package demo

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/creditcode"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

func planned(t *testing.T) ([]Hire, []Idle, []job.Position, int) {
	t.Helper()
	now := time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)
	hs := Households("s1", 1, now)
	for i := range hs { // the ids the store would assign
		hs[i].ID = fmt.Sprintf("h%d", i)
		hs[i].Status = "在住"
		for j := range hs[i].Members {
			hs[i].Members[j].ID = fmt.Sprintf("h%d-%d", i, j+1)
		}
	}
	var ps []job.Position
	for _, e := range Jobs() {
		ps = append(ps, e.Positions...)
	}
	hires, idle := PlanEmployment(hs, ps, 1, now)
	return hires, idle, ps, Summary(hs).Workers
}

func TestJobsAreValid(t *testing.T) {
	seen := map[string]bool{}
	openings := 0
	for _, e := range Jobs() {
		emp := e.Employer
		if err := job.ValidateEmployer(&emp); err != nil || seen[emp.CreditCode] {
			t.Fatalf("employer %s: %v (duplicate code %v)", emp.Name, err, seen[emp.CreditCode])
		}
		seen[emp.CreditCode] = true
		if creditcode.Validate(emp.CreditCode) != nil {
			t.Fatalf("credit code %s", emp.CreditCode)
		}
		for _, p := range e.Positions {
			if err := job.ValidatePosition(&p); err != nil {
				t.Fatalf("position %s: %v", p.Title, err)
			}
			openings += p.Openings
		}
	}
	if openings < 700 || openings > 1100 {
		t.Fatalf("%d openings, want a few hundred left after ~370 placements", openings)
	}
}

func TestPlanEmploymentShape(t *testing.T) {
	hires, idle, ps, workers := planned(t)
	placed, self := 0, 0
	perChannel := map[labor.Channel]int{}
	filled := make([]int, len(ps))
	members := map[string]bool{}
	for _, h := range hires {
		if members[h.MemberID] {
			t.Fatalf("member %s placed twice", h.MemberID)
		}
		members[h.MemberID] = true
		perChannel[h.Channel]++
		if h.Position >= 0 {
			placed++
			filled[h.Position]++
		} else {
			self++
			if (h.Channel == labor.MigrantOutside || h.Channel == labor.MigrantProvince) != (h.WorkPlace != "") {
				t.Fatalf("work place and migrant channel disagree: %+v", h)
			}
		}
	}
	for i, f := range filled {
		if f*2 > ps[i].Openings+1 {
			t.Fatalf("position %d over half filled: %d of %d", i, f, ps[i].Openings)
		}
	}
	if placed < 340 || placed > TargetPlaced || self < 360 || self > TargetSelfEmployed || placed+self+len(idle) != workers {
		t.Fatalf("placed %d, self-employed %d, idle %d, workers %d", placed, self, len(idle), workers)
	}
	if perChannel[labor.Welfare] == 0 || perChannel[labor.Workshop] == 0 || perChannel[labor.LocalEnterprise] == 0 {
		t.Fatalf("channels: %v", perChannel)
	}
	missing := 0
	for _, i := range idle {
		if i.Reason == "" {
			missing++
		} else if !i.Reason.Valid() || i.NextStep == "" {
			t.Fatalf("idle without a valid reason and next step: %+v", i)
		}
	}
	if missing == 0 || missing > len(idle)/10 {
		t.Fatalf("%d of %d idle workers lack a reason; want a few", missing, len(idle))
	}
	h2, i2, _, _ := planned(t)
	if !reflect.DeepEqual(hires, h2) || !reflect.DeepEqual(idle, i2) {
		t.Fatal("plan is not deterministic")
	}
}
