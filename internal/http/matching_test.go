package http_test

import (
	"fmt"
	"strings"
	"testing"
)

func sumReasons(it map[string]any) int {
	sum := 0
	for _, r := range it["reasons"].([]any) {
		sum += int(r.(map[string]any)["points"].(float64))
	}
	return sum
}

func TestCandidatesAndRecommendations(t *testing.T) {
	e := newEnv(t)
	b := householdBody(e.siteA)
	b["members"].([]map[string]any)[1]["laborCapacity"], b["members"].([]map[string]any)[1]["health"] = "丧失劳动力", "患有大病"
	st, h := e.do("POST", "/api/v1/households", "admin", b)
	e.must(st, 201, h)
	hm := members(h)
	heads, spouses := e.workers(3)
	pos := e.position("employment", e.employer("employment", "企业"), "县内企业就业", 5, map[string]any{"skills": []string{"焊工"}})["id"].(string)
	e.must(e.post("/api/v1/placements", "employment", hireBody(heads[2], pos)), 201)

	st, body := e.do("GET", "/api/v1/positions/"+pos+"/candidates?limit=50", "employment", nil)
	e.must(st, 200, body)
	seen := map[string]bool{}
	prev := 1 << 30
	for _, x := range body["items"].([]any) {
		it := x.(map[string]any)
		seen[it["memberId"].(string)] = true
		if s := int(it["score"].(float64)); s != sumReasons(it) || s > prev {
			t.Fatalf("score %d, reasons add to %d, previous %d: %v", s, sumReasons(it), prev, it)
		} else {
			prev = s
		}
	}
	for _, bad := range []string{hm[1]["id"].(string), hm[2]["id"].(string), heads[2]} {
		if seen[bad] {
			t.Errorf("candidate %s fails a hard rule (lost capacity, pupil or employed)", bad)
		}
	}
	if !seen[heads[0]] || !seen[spouses[0]] {
		t.Fatalf("eligible workers missing: %v", seen)
	}
	first := body["items"].([]any)[0].(map[string]any)
	if !strings.Contains(fmt.Sprint(first["reasons"]), "技能匹配: 焊工") {
		t.Errorf("the welder should lead with a skill reason: %v", first)
	}
	st, rec := e.do("GET", "/api/v1/members/"+spouses[0]+"/recommendations", "employment", nil)
	if st != 200 || total(rec) != 1 {
		t.Fatalf("recommendations: %d %v", st, rec)
	}
	// Site B's manager sees none of site A's workers as candidates.
	st, body = e.do("GET", "/api/v1/positions/"+pos+"/candidates", "siteB", nil)
	if st != 200 || total(body) != 0 {
		t.Fatalf("site B candidates: %d %v", st, body)
	}
}

func TestPlanWritesNothingAndApplies(t *testing.T) {
	e := newEnv(t)
	heads, spouses := e.workers(4)
	emp := e.employer("employment", "公益性岗位单位")
	welfare := e.position("employment", emp, "公益性岗位", 4, nil)["id"].(string)
	ent := e.position("employment", e.employer("employment", "企业"), "县内企业就业", 2, map[string]any{"minLaborCapacity": "普通劳动力"})["id"].(string)
	st, plan := e.do("POST", "/api/v1/matching/plan", "employment", map[string]any{"siteId": e.siteA})
	e.must(st, 200, plan)
	tot := plan["totals"].(map[string]any)
	// 4 zero-employment households, 6 openings (one 公益性岗位 per household): all 4 helped, 6 placed.
	if tot["zeroHouseholdsHelped"].(float64) != 4 || tot["placements"].(float64) != 6 {
		t.Fatalf("plan totals %v", tot)
	}
	perHousehold := map[string]int{}
	for _, x := range plan["items"].([]any) {
		it := x.(map[string]any)
		if it["positionId"] == welfare {
			perHousehold[it["householdId"].(string)]++
		}
		if int(it["score"].(float64)) != sumReasons(it) {
			t.Fatalf("row score and reasons disagree: %v", it)
		}
	}
	for h, n := range perHousehold {
		if n > 1 {
			t.Fatalf("household %s gets %d 公益性岗位", h, n)
		}
	}
	for _, p := range []string{welfare, ent} {
		_, pj := e.do("GET", "/api/v1/positions/"+p, "employment", nil)
		if pj["filled"].(float64) != 0 {
			t.Fatalf("the plan wrote: filled %v", pj["filled"])
		}
	}
	// Apply the rows (plus one stale row) through the normal placement path.
	var rows []map[string]any
	for _, x := range plan["items"].([]any) {
		it := x.(map[string]any)
		rows = append(rows, map[string]any{"memberId": it["memberId"], "positionId": it["positionId"]})
	}
	rows = append(rows, map[string]any{"memberId": rows[0]["memberId"], "positionId": ent})
	st, applied := e.do("POST", "/api/v1/matching/apply", "employment", map[string]any{"startDate": "2026-11-20", "rows": rows})
	e.must(st, 200, applied)
	if applied["placed"].(float64) != 6 || applied["failed"].(float64) != 1 {
		t.Fatalf("apply: %v", applied)
	}
	last := applied["items"].([]any)[6].(map[string]any)
	if last["status"].(float64) != 409 || last["error"] == "" {
		t.Fatalf("stale row: %v", last)
	}
	_, z := e.do("GET", "/api/v1/zero-employment?siteId="+e.siteA, "employment", nil)
	if total(z) != 0 {
		t.Fatalf("zero-employment households after applying: %d", total(z))
	}
	_ = heads
	_ = spouses
	if st, _ := e.do("POST", "/api/v1/matching/plan", "siteB", map[string]any{"siteId": e.siteA}); st != 403 {
		t.Fatalf("site B planning site A: %d", st)
	}
	if st, _ := e.do("POST", "/api/v1/matching/plan", "employment", map[string]any{}); st != 422 {
		t.Fatalf("plan without scope: %d", st)
	}
}

// TestPlanTimeLimit: a plan answers whether it is proven optimal and its bounds; an impossible time
// limit is refused naming timeLimitMs.
func TestPlanTimeLimit(t *testing.T) {
	e := newEnv(t)
	e.workers(3)
	e.position("employment", e.employer("employment", "企业"), "县内企业就业", 2, nil)
	st, body := e.do("POST", "/api/v1/matching/plan", "employment", map[string]any{"siteId": e.siteA, "timeLimitMs": 5000})
	e.must(st, 200, body)
	if body["optimal"] != true || fmt.Sprint(body["bound"]) != fmt.Sprint(body["totals"]) {
		t.Fatalf("a small plan is not proven optimal: optimal %v, bound %v, totals %v", body["optimal"], body["bound"], body["totals"])
	}
	for _, ms := range []int{-1, 3_600_000} {
		st, body := e.do("POST", "/api/v1/matching/plan", "employment", map[string]any{"siteId": e.siteA, "timeLimitMs": ms})
		if st != 422 || fieldErrors(body)["timeLimitMs"] == "" {
			t.Errorf("timeLimitMs %d: %d %v", ms, st, body)
		}
	}
}
