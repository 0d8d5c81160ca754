package http_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"github.com/anju-cn/anju/internal/creditcode"
)

var creditSeq int

func (e *env) employer(as, kind string) string {
	e.t.Helper()
	creditSeq++
	code := creditcode.Make(fmt.Sprintf("91140524MA0K%05d", creditSeq))
	st, body := e.do("POST", "/api/v1/employers", as, map[string]any{"name": fmt.Sprintf("陵川县测试单位%d", creditSeq),
		"creditCode": code, "kind": kind, "countyCode": "140524", "townshipCode": "140524100", "contactPhone": "13900000000"})
	e.must(st, 201, body)
	return body["id"].(string)
}

func (e *env) position(as, employer, channel string, openings int, extra map[string]any) map[string]any {
	e.t.Helper()
	req := map[string]any{"employerId": employer, "title": "保洁员", "channel": channel, "openings": openings, "monthlyWage": 2200,
		"location": map[string]any{"countyCode": "140524", "townshipCode": "140524100"}}
	for k, v := range extra {
		req[k] = v
	}
	st, body := e.do("POST", "/api/v1/positions", as, req)
	e.must(st, 201, body)
	return body
}

// workers registers n households at site A and returns the ids of their heads and spouses
// (both of working age with capacity).
func (e *env) workers(n int) (heads, spouses []string) {
	for i := 0; i < n; i++ {
		h := e.register(e.siteA, "admin")
		ms := members(h)
		heads = append(heads, ms[0]["id"].(string))
		spouses = append(spouses, ms[1]["id"].(string))
	}
	return heads, spouses
}

// post sends a JSON POST as account; safe to call from many goroutines.
func (e *env) post(path, as string, body any) int {
	raw, _ := json.Marshal(body)
	req := httptest.NewRequest("POST", path, bytes.NewReader(raw))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+e.tokens[as])
	resp, err := e.srv.Fiber.Test(req, 60000)
	if err != nil {
		return -1
	}
	resp.Body.Close()
	return resp.StatusCode
}

func hireBody(member, position string) map[string]any {
	return map[string]any{"memberId": member, "positionId": position, "startDate": "2026-11-01", "monthlyIncome": 2200}
}

// TestOpeningsNeverOverfilled sends 50 concurrent placements against 10 openings.
func TestOpeningsNeverOverfilled(t *testing.T) {
	e := newEnv(t)
	heads, spouses := e.workers(25)
	pos := e.position("employment", e.employer("employment", "企业"), "县内企业就业", 10, nil)["id"].(string)
	all := append(heads, spouses...)
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[int]int{}
	for _, m := range all {
		wg.Add(1)
		go func(m string) {
			defer wg.Done()
			st := e.post("/api/v1/placements", "employment", hireBody(m, pos))
			mu.Lock()
			codes[st]++
			mu.Unlock()
		}(m)
	}
	wg.Wait()
	_, p := e.do("GET", "/api/v1/positions/"+pos, "employment", nil)
	_, list := e.do("GET", "/api/v1/placements?positionId="+pos+"&status=active", "employment", nil)
	if codes[201] != 10 || codes[409] != 40 || p["filled"].(float64) != 10 || total(list) != 10 {
		t.Fatalf("statuses %v, filled %v, active placements %d; want 10×201, 40×409, filled 10", codes, p["filled"], total(list))
	}
}

// TestDoubleHire places the same member twice at once into two positions.
func TestDoubleHire(t *testing.T) {
	e := newEnv(t)
	heads, _ := e.workers(1)
	emp := e.employer("employment", "企业")
	p1 := e.position("employment", emp, "县内企业就业", 5, nil)["id"].(string)
	p2 := e.position("employment", emp, "县内企业就业", 5, nil)["id"].(string)
	var wg sync.WaitGroup
	results := make([]int, 10)
	for i := range results {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			p := p1
			if i%2 == 1 {
				p = p2
			}
			results[i] = e.post("/api/v1/placements", "employment", hireBody(heads[0], p))
		}(i)
	}
	wg.Wait()
	ok := 0
	for _, st := range results {
		if st == 201 {
			ok++
		} else if st != 409 {
			t.Errorf("unexpected status %d", st)
		}
	}
	_, a := e.do("GET", "/api/v1/positions/"+p1, "employment", nil)
	_, b := e.do("GET", "/api/v1/positions/"+p2, "employment", nil)
	if ok != 1 || a["filled"].(float64)+b["filled"].(float64) != 1 {
		t.Fatalf("%d hires succeeded, filled %v+%v; want exactly one", ok, a["filled"], b["filled"])
	}
}

func TestPlacementLifecycle(t *testing.T) {
	e := newEnv(t)
	heads, _ := e.workers(1)
	m := heads[0]
	pos := e.position("employment", e.employer("employment", "企业"), "县内企业就业", 1, nil)["id"].(string)
	st, pl := e.do("POST", "/api/v1/placements", "employment", hireBody(m, pos))
	e.must(st, 201, pl)
	id := pl["id"].(string)

	_, mem := e.do("GET", "/api/v1/members/"+m, "employment", nil)
	emp, _ := mem["employment"].(map[string]any)
	if emp == nil || emp["placementId"] != id || emp["channel"] != "县内企业就业" {
		t.Fatalf("member view lacks the employment summary: %v", mem["employment"])
	}
	_, hh := e.do("GET", "/api/v1/households/"+mem["householdId"].(string), "admin", nil)
	if hh["employed"].(float64) != 1 || hh["zeroEmployment"] != false {
		t.Fatalf("household view: employed %v zero %v", hh["employed"], hh["zeroEmployment"])
	}
	st, fu := e.do("POST", "/api/v1/placements/"+id+"/followups", "employment", map[string]any{"date": "2026-11-20", "stillWorking": true, "income": 2300, "note": "在岗稳定"})
	e.must(st, 201, fu)
	st, ended := e.do("POST", "/api/v1/placements/"+id+"/end", "employment", map[string]any{"endDate": "2026-11-25", "reason": "合同到期"})
	e.must(st, 200, ended)
	if ended["status"] != "ended" || len(ended["followUps"].([]any)) != 1 {
		t.Fatalf("ended placement: %v", ended)
	}
	if st, _ := e.do("POST", "/api/v1/placements/"+id+"/end", "employment", map[string]any{"endDate": "2026-11-25", "reason": "合同到期"}); st != 409 {
		t.Fatalf("ending twice: %d", st)
	}
	_, p := e.do("GET", "/api/v1/positions/"+pos, "employment", nil)
	if p["filled"].(float64) != 0 {
		t.Fatalf("ended placement did not free its opening: filled %v", p["filled"])
	}
	_, hh = e.do("GET", "/api/v1/households/"+mem["householdId"].(string), "admin", nil)
	if hh["zeroEmployment"] != true || hh["zeroSince"] == "" {
		t.Fatalf("household should be zero-employment again with a date: %v %v", hh["zeroEmployment"], hh["zeroSince"])
	}
	// Re-place into the freed opening; the old placement and its follow-up are kept.
	st, again := e.do("POST", "/api/v1/placements", "employment", hireBody(m, pos))
	e.must(st, 201, again)
	_, hist := e.do("GET", "/api/v1/placements?memberId="+m, "employment", nil)
	if total(hist) != 2 {
		t.Fatalf("history has %d placements, want 2", total(hist))
	}
	_, old := e.do("GET", "/api/v1/placements/"+id, "employment", nil)
	if len(old["followUps"].([]any)) != 1 {
		t.Fatalf("follow-up lost: %v", old["followUps"])
	}
}

func TestChannelPlacements(t *testing.T) {
	e := newEnv(t)
	heads, spouses := e.workers(1)
	st, b := e.do("POST", "/api/v1/placements", "employment", map[string]any{"memberId": heads[0], "channel": "省外务工", "startDate": "2026-03-01", "monthlyIncome": 4500})
	if st != 422 || fieldErrors(b)["workPlace"] == "" {
		t.Fatalf("migrant work without a place: %d %v", st, b)
	}
	st, b = e.do("POST", "/api/v1/placements", "employment", map[string]any{"memberId": heads[0], "channel": "省外务工", "startDate": "2026-03-01", "monthlyIncome": 4500, "workPlace": "江苏省苏州市"})
	e.must(st, 201, b)
	if b["where"] != "省外" || b["positionId"] != nil {
		t.Fatalf("migrant placement: %v", b)
	}
	st, b = e.do("POST", "/api/v1/placements", "employment", map[string]any{"memberId": spouses[0], "channel": "公益性岗位", "startDate": "2026-03-01"})
	if st != 422 || fieldErrors(b)["positionId"] == "" {
		t.Fatalf("公益性岗位 without a position: %d %v", st, b)
	}
	st, b = e.do("POST", "/api/v1/placements", "employment", map[string]any{"memberId": spouses[0], "channel": "自主创业", "startDate": "2026-03-01", "monthlyIncome": 1800})
	e.must(st, 201, b)
}

func TestWelfareOnePerHousehold(t *testing.T) {
	e := newEnv(t)
	heads, spouses := e.workers(2)
	pos := e.position("employment", e.employer("employment", "公益性岗位单位"), "公益性岗位", 5, nil)["id"].(string)
	if st, b := e.do("POST", "/api/v1/placements", "employment", hireBody(spouses[0], pos)); st != 201 {
		t.Fatalf("first post: %d %v", st, b)
	}
	st, b := e.do("POST", "/api/v1/placements", "employment", hireBody(heads[0], pos))
	if st != 409 || !strings.Contains(fmt.Sprint(b), "每户限一人") {
		t.Fatalf("second post in one household: %d %v", st, b)
	}
	// Concurrent: both members of the other household at once, exactly one wins.
	var wg sync.WaitGroup
	res := make([]int, 2)
	for i, m := range []string{heads[1], spouses[1]} {
		wg.Add(1)
		go func(i int, m string) {
			defer wg.Done()
			res[i] = e.post("/api/v1/placements", "employment", hireBody(m, pos))
		}(i, m)
	}
	wg.Wait()
	if !(res[0] == 201 && res[1] == 409 || res[0] == 409 && res[1] == 201) {
		t.Fatalf("concurrent posts in one household: %v", res)
	}
	// A county that allows two posts per household.
	_, s := e.do("GET", "/api/v1/counties/140524/settings", "county", nil)
	if s["welfare"].(map[string]any)["ageMax"].(float64) != 60 {
		t.Fatalf("default settings: %v", s)
	}
	st, s = e.do("PUT", "/api/v1/counties/140524/settings", "county", map[string]any{"version": 0, "localMinWage": 1880,
		"welfare": map[string]any{"ageMin": 16, "ageMax": 60, "onePerHousehold": false, "excludePensioner": true}})
	e.must(st, 200, s)
	if st, b := e.do("POST", "/api/v1/placements", "employment", hireBody(heads[0], pos)); st != 201 {
		t.Fatalf("second post after the county allowed it: %d %v", st, b)
	}
}

func TestRefusedPlacements(t *testing.T) {
	e := newEnv(t)
	b := householdBody(e.siteA)
	ms := b["members"].([]map[string]any)
	ms[1]["laborCapacity"], ms[1]["health"] = "丧失劳动力", "患有大病"
	st, h := e.do("POST", "/api/v1/households", "admin", b)
	e.must(st, 201, h)
	hm := members(h)
	pos := e.position("employment", e.employer("employment", "企业"), "县内企业就业", 5, nil)["id"].(string)
	for _, c := range []struct {
		who, member, want string
		status            int
	}{
		{"employment", hm[1]["id"].(string), "丧失劳动力", 422},
		{"employment", hm[2]["id"].(string), "在校学生", 422},
		{"siteA", hm[0]["id"].(string), "无权", 403},
	} {
		st, body := e.do("POST", "/api/v1/placements", c.who, hireBody(c.member, pos))
		if st != c.status || !strings.Contains(fmt.Sprint(body), c.want) {
			t.Errorf("%s placing %s: %d %v, want %d mentioning %s", c.who, c.member, st, body, c.status, c.want)
		}
	}
	// An employment officer of another county cannot place this county's workers.
	st, body := e.do("POST", "/api/v1/users", "admin", map[string]any{"username": "empC", "password": "Passw0rd-empC", "role": "employment", "countyCode": "140525"})
	e.must(st, 201, body)
	e.tokens["empC"] = e.login("empC", "Passw0rd-empC")
	st, body = e.do("POST", "/api/v1/placements", "empC", map[string]any{"memberId": hm[0]["id"], "channel": "灵活就业", "startDate": "2026-11-01"})
	if st != 422 || fieldErrors(body)["memberId"] != "成员不存在" || strings.Contains(fmt.Sprint(body), "王建国") {
		t.Errorf("other county placing: %d %v", st, body)
	}
	_, p := e.do("GET", "/api/v1/positions/"+pos, "employment", nil)
	if p["filled"].(float64) != 0 {
		t.Fatalf("refused placements took openings: %v", p["filled"])
	}
}

func TestUnemployedAndZeroEmployment(t *testing.T) {
	e := newEnv(t)
	heads, _ := e.workers(2)
	st, list := e.do("GET", "/api/v1/unemployed?siteId="+e.siteA+"&missingReason=true", "employment", nil)
	if st != 200 || total(list) != 4 {
		t.Fatalf("unemployed without reason: %d %d", st, total(list))
	}
	st, m := e.do("PUT", "/api/v1/members/"+heads[0]+"/unemployment", "employment", map[string]any{"reason": "技能不匹配", "nextStep": "推荐参加电焊培训"})
	e.must(st, 200, m)
	for _, k := range []string{"referral", "offer", "offer", "offer", "training"} {
		if st, b := e.do("POST", "/api/v1/members/"+heads[0]+"/services", "employment", map[string]any{"kind": k}); st != 201 {
			t.Fatalf("service %s: %d %v", k, st, b)
		}
	}
	_, one := e.do("GET", "/api/v1/members/"+heads[0], "employment", nil)
	u := one["unemployment"].(map[string]any)
	if u["reason"] != "技能不匹配" || u["referrals"].(float64) != 1 || u["offers"].(float64) != 3 || u["trainings"].(float64) != 1 {
		t.Fatalf("1-3-1 record: %v", u)
	}
	_, list = e.do("GET", "/api/v1/unemployed?reason=技能不匹配", "employment", nil)
	if total(list) != 1 {
		t.Fatalf("by reason: %d", total(list))
	}
	if st, _ := e.do("PUT", "/api/v1/members/"+heads[0]+"/unemployment", "employment", map[string]any{"reason": "懒", "nextStep": "x"}); st != 422 {
		t.Fatalf("bad reason accepted: %d", st)
	}
	_, z := e.do("GET", "/api/v1/zero-employment?siteId="+e.siteA, "siteA", nil)
	if total(z) != 2 {
		t.Fatalf("zero-employment households: %d", total(z))
	}
	it := z["items"].([]any)[0].(map[string]any)
	if it["since"] == "" || it["helpDue"] == "" || it["clearDue"] == "" {
		t.Fatalf("clocks missing: %v", it)
	}
	pos := e.position("employment", e.employer("employment", "企业"), "县内企业就业", 1, nil)["id"].(string)
	e.must(e.post("/api/v1/placements", "employment", hireBody(heads[0], pos)), 201)
	_, z = e.do("GET", "/api/v1/zero-employment?siteId="+e.siteA, "siteA", nil)
	if total(z) != 1 {
		t.Fatalf("after a placement: %d zero-employment households, want 1", total(z))
	}
}

// TestPlacedMembersStayConsistent: a household with someone at work cannot move out, and a placed
// member cannot be recorded as without labour capacity, until the placement ends.
func TestPlacedMembersStayConsistent(t *testing.T) {
	e := newEnv(t)
	heads, _ := e.workers(1)
	pos := e.position("employment", e.employer("employment", "企业"), "县内企业就业", 1, nil)["id"].(string)
	st, pl := e.do("POST", "/api/v1/placements", "employment", hireBody(heads[0], pos))
	e.must(st, 201, pl)
	hid := pl["householdId"].(string)
	_, h := e.do("GET", "/api/v1/households/"+hid, "siteA", nil)
	v := h["version"]
	st, b := e.do("POST", "/api/v1/households/"+hid+"/move-out", "siteA", map[string]any{"version": v, "date": "2026-11-25", "reason": "返回原籍"})
	if st != 422 || !strings.Contains(fmt.Sprint(b), "离岗") {
		t.Fatalf("move-out with a member at work: %d %v", st, b)
	}
	st, b = e.do("PATCH", "/api/v1/households/"+hid, "siteA", map[string]any{"version": v,
		"members": []map[string]any{{"id": heads[0], "laborCapacity": "丧失劳动力"}}})
	if st != 422 || fieldErrors(b)["members[0].laborCapacity"] == "" {
		t.Fatalf("placed member set to 丧失劳动力: %d %v", st, b)
	}
	// The 1-3-1 record is written only through the employment officer's routes.
	st, b = e.do("PATCH", "/api/v1/households/"+hid, "siteA", map[string]any{"version": v,
		"members": []map[string]any{{"id": heads[0], "unemployment": map[string]any{"reason": "其他", "referrals": 9}}}})
	if st != 400 {
		t.Fatalf("site manager writing the 1-3-1 record through PATCH: %d %v", st, b)
	}
	e.must(e.post("/api/v1/placements/"+pl["id"].(string)+"/end", "employment", map[string]any{"endDate": "2026-11-24", "reason": "辞职"}), 200)
	_, h = e.do("GET", "/api/v1/households/"+hid, "siteA", nil)
	if h["zeroSince"] == nil || !strings.HasPrefix(h["zeroSince"].(string), "2026-11-24") {
		t.Fatalf("zero-employment clock should start on the end date: %v", h["zeroSince"])
	}
	st, b = e.do("POST", "/api/v1/households/"+hid+"/move-out", "siteA", map[string]any{"version": h["version"], "date": "2026-11-25", "reason": "返回原籍"})
	e.must(st, 200, b)
}

func TestChildrenHaveNoLabourCapacity(t *testing.T) {
	e := newEnv(t)
	b := householdBody(e.siteA)
	b["members"].([]map[string]any)[2]["schoolStatus"], b["members"].([]map[string]any)[2]["education"] = "", "小学"
	delete(b["members"].([]map[string]any)[2], "schoolStatus")
	b["members"].([]map[string]any)[2]["laborCapacity"] = "普通劳动力"
	st, body := e.do("POST", "/api/v1/households", "admin", b)
	if st != 422 || !strings.Contains(fieldErrors(body)["members[2].laborCapacity"], "16") {
		t.Fatalf("a 12-year-old with labour capacity: %d %v", st, body)
	}
}
