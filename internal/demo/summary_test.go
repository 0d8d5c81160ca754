package demo

import (
	"strings"
	"testing"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/labor"
)

func TestSummary(t *testing.T) {
	hs := []household.Household{
		{Members: []household.Member{
			{LaborCapacity: labor.Skilled, Health: "健康", Education: "初中"},
			{LaborCapacity: labor.Weak, Health: "长期慢性病", Education: "小学"},
			{LaborCapacity: labor.NoLabor, Health: "健康", SchoolStatus: "七年级"},
			{LaborCapacity: labor.NoLabor, Health: "健康", SchoolStatus: "本科"},
		}},
		{Members: []household.Member{
			{LaborCapacity: labor.Lost, Health: "患有大病", Education: "文盲或半文盲"},
			{LaborCapacity: labor.Ordinary, Health: "残疾", Education: "初中"},
		}, FormerMembers: []household.Member{{LaborCapacity: labor.Ordinary, Health: "健康"}}},
		{},
	}
	got := Summary(hs)
	want := Stats{Households: 3, People: 6, Workers: 3, Weak: 1, Lost: 1, Pupils: 1, Ill: 2, Disabled: 1}
	if got != want {
		t.Fatalf("Summary = %+v, want %+v", got, want)
	}
	if s := got.String(); !strings.Contains(s, "3户 6人") || !strings.Contains(s, "33.3%") {
		t.Errorf("String() = %q", s)
	}
	if (Stats{}).WeakShare() != 0 {
		t.Error("WeakShare of no workers is not 0")
	}
}

// TestShares checks the softer shares of the seed-1 data: job intentions, pensions, types.
func TestShares(t *testing.T) {
	var workers, willing, inCounty, out, pensioners, young, hui, people int
	types := map[string]int{}
	for _, h := range seed1 {
		types[h.HouseholdType]++
		for _, m := range h.Members {
			people++
			a := m.Age(testNow)
			if m.Pensioner {
				pensioners++
				if a < 60 {
					young++
				}
			}
			if m.Ethnicity == "回族" {
				hui++
			} else if m.Ethnicity != "汉族" {
				t.Errorf("ethnicity %s", m.Ethnicity)
			}
			if !m.Workable() {
				continue
			}
			workers++
			if m.JobIntention.WantsWork {
				willing++
				switch m.JobIntention.Area {
				case labor.AreaInCounty:
					inCounty++
				case labor.AreaOutCounty:
					out++
				}
			}
		}
	}
	if p := 100 * willing / workers; p < 70 || p > 95 {
		t.Errorf("%d%% of workers want work, want 70-95%%", p)
	}
	if p := 100 * inCounty / willing; p < 60 || p > 90 {
		t.Errorf("%d%% of willing workers want work in the county, want 60-90%%", p)
	}
	if out == 0 || out*10 > willing {
		t.Errorf("%d of %d willing workers want work outside the county only, want a few", out, willing)
	}
	if pensioners == 0 || young > 0 {
		t.Errorf("%d pensioners, %d of them under 60", pensioners, young)
	}
	if hui*100 > people*5 {
		t.Errorf("%d of %d people are 回族, want a few", hui, people)
	}
	if types["低保脱贫户"] == 0 || types["特困供养脱贫户"] == 0 || types["特困供养脱贫户"] > types["低保脱贫户"] {
		t.Errorf("household types %v", types)
	}
}
