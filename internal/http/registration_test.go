package http_test

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net"
	nethttp "net/http"
	"strings"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/fixture"
	"github.com/anju-cn/anju/internal/idcard"
)

func TestHealthz(t *testing.T) {
	e := newEnv(t)
	st, body := e.do("GET", "/healthz", "", nil)
	if st != 200 || body["status"] != "ok" || body["storage"] != "embedded" {
		t.Fatalf("healthz: %d %v", st, body)
	}
}

func TestRegistrationLifecycle(t *testing.T) {
	e := newEnv(t)
	h := e.register(e.siteA, "siteA")
	id := h["id"].(string)
	ms := members(h)
	if len(ms) != 3 || ms[0]["sex"] != "男" || ms[1]["sex"] != "女" || ms[0]["birthDate"] == "" {
		t.Fatalf("members not derived: %v", ms)
	}
	if !strings.Contains(ms[0]["idNumberMasked"].(string), "********") || h["version"].(float64) != 1 {
		t.Fatalf("masking/version: %v %v", ms[0]["idNumberMasked"], h["version"])
	}
	if h["zeroEmployment"] != true || h["workers"].(float64) != 2 {
		t.Fatalf("zero-employment flags: %v %v", h["zeroEmployment"], h["workers"])
	}

	st, got := e.do("GET", "/api/v1/households/"+id, "siteA", nil)
	e.must(st, 200, got)
	st, lst := e.do("GET", "/api/v1/households?siteId="+e.siteA+"&q=王建国", "siteA", nil)
	if st != 200 || total(lst) != 1 {
		t.Fatalf("list: %d %v", st, lst)
	}

	// PATCH with the version read; a second PATCH with the same version is stale.
	st, patched := e.do("PATCH", "/api/v1/households/"+id, "siteA", map[string]any{"version": 1, "unit": "5号楼1单元101",
		"members": []map[string]any{{"id": ms[1]["id"], "laborCapacity": "普通劳动力"}}})
	e.must(st, 200, patched)
	if patched["unit"] != "5号楼1单元101" || patched["version"].(float64) != 2 || members(patched)[1]["laborCapacity"] != "普通劳动力" {
		t.Fatalf("patch not applied: %v", patched)
	}
	st, stale := e.do("PATCH", "/api/v1/households/"+id, "siteA", map[string]any{"version": 1, "unit": "X"})
	if st != 409 {
		t.Fatalf("stale version: %d %v", st, stale)
	}

	// Add a member (a birth), then remove one; the record is kept.
	baby := map[string]any{"name": "王小花", "idNumber": fixture.IDNumber(fixture.Day(2025, 6, 1), idcard.Female), "relation": "之女",
		"ethnicity": "汉族", "schoolStatus": "学龄前儿童", "health": "健康", "laborCapacity": "无劳动力"}
	st, added := e.do("POST", "/api/v1/households/"+id+"/members", "siteA", map[string]any{"version": 2, "member": baby})
	e.must(st, 201, added)
	if len(members(added)) != 4 {
		t.Fatalf("member not added: %v", added)
	}
	st, dup := e.do("POST", "/api/v1/households/"+id+"/members", "siteA", map[string]any{"version": 3, "member": baby})
	if st != 422 || fieldErrors(dup)["idNumber"] == "" {
		t.Fatalf("adding the same person twice: %d %v", st, dup)
	}
	son := ms[2]["id"].(string)
	st, full := e.do("GET", "/api/v1/members/"+son+"/id-number", "siteA", nil)
	e.must(st, 200, full)
	st, removed := e.do("POST", "/api/v1/households/"+id+"/members/"+son+"/remove", "siteA",
		map[string]any{"version": 3, "date": "2026-09-01", "reason": "迁出"})
	e.must(st, 200, removed)
	if len(members(removed)) != 3 || len(removed["formerMembers"].([]any)) != 1 {
		t.Fatalf("member not moved to formerMembers: %v", removed)
	}
	// The removed person's ID number is free to register elsewhere.
	body := householdBody(e.siteB)
	body["members"].([]map[string]any)[2]["idNumber"] = full["idNumber"]
	st, elsewhere := e.do("POST", "/api/v1/households", "siteB", body)
	e.must(st, 201, elsewhere)

	st, moved := e.do("POST", "/api/v1/households/"+id+"/move-out", "siteA", map[string]any{"version": 4, "date": "2026-10-01", "reason": "返回原籍"})
	e.must(st, 200, moved)
	if moved["status"] != "已迁出" || moved["zeroEmployment"] != false {
		t.Fatalf("move-out: %v", moved)
	}
	st, again := e.do("POST", "/api/v1/households/"+id+"/move-out", "siteA", map[string]any{"version": 5, "date": "2026-10-01", "reason": "返回原籍"})
	if st != 422 {
		t.Fatalf("moving out twice: %d %v", st, again)
	}
	// Still readable: records are never deleted.
	st, _ = e.do("GET", "/api/v1/households/"+id, "siteA", nil)
	e.must(st, 200)
}

func TestSiteOccupancy(t *testing.T) {
	e := newEnv(t)
	e.register(e.siteA, "siteA")
	e.register(e.siteA, "admin")
	st, s := e.do("GET", "/api/v1/sites/"+e.siteA, "siteA", nil)
	e.must(st, 200, s)
	if s["households"].(float64) != 2 || s["people"].(float64) != 6 || s["capacityHouseholds"].(float64) != 760 {
		t.Fatalf("occupancy: %v", s)
	}
	st, upd := e.do("PATCH", "/api/v1/sites/"+e.siteA, "admin", map[string]any{"version": 1, "capacityHouseholds": 800})
	e.must(st, 200, upd)
	st, stale := e.do("PATCH", "/api/v1/sites/"+e.siteA, "admin", map[string]any{"version": 1, "capacityHouseholds": 900})
	if st != 409 {
		t.Fatalf("stale site update: %d %v", st, stale)
	}
}

// TestBadRegistrationChangesNothing sends each kind of bad input and checks the status, the field
// named, and that no household was stored.
func TestBadRegistrationChangesNothing(t *testing.T) {
	e := newEnv(t)
	edit := func(f func(b map[string]any)) map[string]any {
		b := householdBody(e.siteA)
		f(b)
		return b
	}
	mem := func(b map[string]any, i int) map[string]any { return b["members"].([]map[string]any)[i] }
	tests := []struct {
		name   string
		body   any
		status int
		field  string
	}{
		{"malformed JSON", `{"siteId": "a",`, 400, ""},
		{"not JSON at all", `siteId=a`, 400, ""},
		{"unknown field", edit(func(b map[string]any) { b["color"] = "red" }), 400, "color"},
		{"wrong type", edit(func(b map[string]any) { b["relocationYear"] = "2018" }), 422, "relocationYear"},
		{"wrong check digit", edit(func(b map[string]any) { mem(b, 0)["idNumber"] = "110105194912310021" }), 422, "members[0].idNumber"},
		{"30 February", edit(func(b map[string]any) { mem(b, 0)["idNumber"] = "140524198002300011" }), 422, "members[0].idNumber"},
		{"future birth", edit(func(b map[string]any) {
			mem(b, 2)["idNumber"] = fixture.IDNumber(time.Now().AddDate(1, 0, 0), idcard.Male)
		}), 422, "members[2].idNumber"},
		{"same ID twice", edit(func(b map[string]any) { mem(b, 2)["idNumber"] = mem(b, 0)["idNumber"] }), 422, "members[2].idNumber"},
		{"no head", edit(func(b map[string]any) { mem(b, 0)["relation"] = "之子" }), 422, "members"},
		{"two heads", edit(func(b map[string]any) { mem(b, 1)["relation"] = "户主" }), 422, "members[1].relation"},
		{"unknown site", edit(func(b map[string]any) { b["siteId"] = "s-does-not-exist" }), 422, "siteId"},
		{"unknown origin county", edit(func(b map[string]any) { b["origin"].(map[string]any)["countyCode"] = "149999" }), 422, "origin.countyCode"},
		{"bad date", edit(func(b map[string]any) { b["moveInDate"] = "2018-02-30" }), 422, "moveInDate"},
		{"missing name", edit(func(b map[string]any) { delete(mem(b, 1), "name") }), 422, "members[1].name"},
		{"phone", edit(func(b map[string]any) { b["phone"] = "0356-1234567" }), 422, "phone"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, body := e.do("POST", "/api/v1/households", "admin", tt.body)
			if st != tt.status {
				t.Fatalf("status %d, want %d: %v", st, tt.status, body)
			}
			errObj, ok := body["error"].(map[string]any)
			if !ok || errObj["message"] == "" {
				t.Fatalf("no error message: %v", body)
			}
			if tt.field != "" {
				if _, ok := fieldErrors(body)[tt.field]; !ok {
					t.Fatalf("no error for field %s: %v", tt.field, fieldErrors(body))
				}
			}
		})
	}
	_, lst := e.do("GET", "/api/v1/households", "admin", nil)
	if total(lst) != 0 {
		t.Fatalf("bad input stored %d households", total(lst))
	}
}

func TestEveryFieldErrorAtOnce(t *testing.T) {
	e := newEnv(t)
	b := householdBody(e.siteA)
	b["phone"] = "123"
	m := b["members"].([]map[string]any)
	m[0]["idNumber"] = "110105194912310021"
	m[1]["laborCapacity"] = "很强"
	m[2]["education"] = "小学"
	st, body := e.do("POST", "/api/v1/households", "admin", b)
	got := fieldErrors(body)
	if st != 422 || len(got) < 4 {
		t.Fatalf("want 4+ field errors at once, got %d %v", st, got)
	}
	for _, f := range []string{"phone", "members[0].idNumber", "members[1].laborCapacity", "members[2].schoolStatus"} {
		if got[f] == "" {
			t.Errorf("missing %s in %v", f, got)
		}
	}
}

func TestDuplicateIDNumberAnywhere(t *testing.T) {
	e := newEnv(t)
	first := e.register(e.siteA, "siteA")
	idOfHead := func() string {
		st, body := e.do("GET", "/api/v1/members/"+members(first)[0]["id"].(string)+"/id-number", "siteA", nil)
		e.must(st, 200, body)
		return body["idNumber"].(string)
	}()
	// Site A's own manager is told which household holds the number.
	b := householdBody(e.siteA)
	b["members"].([]map[string]any)[2]["idNumber"] = idOfHead
	st, body := e.do("POST", "/api/v1/households", "siteA", b)
	if st != 409 || !strings.Contains(fieldErrors(body)["members[2].idNumber"], first["number"].(string)) {
		t.Fatalf("own site duplicate: %d %v", st, body)
	}
	// Site B's manager gets a 409 that names no household.
	b = householdBody(e.siteB)
	b["members"].([]map[string]any)[2]["idNumber"] = idOfHead
	st, body = e.do("POST", "/api/v1/households", "siteB", b)
	if st != 409 {
		t.Fatalf("other site duplicate: %d %v", st, body)
	}
	raw := fmt.Sprint(body)
	if strings.Contains(raw, first["number"].(string)) || strings.Contains(raw, first["id"].(string)) || strings.Contains(raw, "沙上头") {
		t.Fatalf("409 leaks site A's household to site B: %v", body)
	}
	// Lower-case x is the same person.
	if strings.HasSuffix(idOfHead, "X") {
		b = householdBody(e.siteA)
		b["members"].([]map[string]any)[0]["idNumber"] = strings.ToLower(idOfHead)
		if st, _ := e.do("POST", "/api/v1/households", "admin", b); st != 409 {
			t.Fatalf("lower-case x duplicate accepted: %d", st)
		}
	}
}

func TestMembersList(t *testing.T) {
	e := newEnv(t)
	e.register(e.siteA, "siteA")
	e.register(e.siteA, "siteA")
	st, body := e.do("GET", "/api/v1/members?siteId="+e.siteA+"&laborCapacity=普通劳动力", "county", nil)
	e.must(st, 200, body)
	if total(body) != 2 {
		t.Fatalf("ordinary labour: %d", total(body))
	}
	it := body["items"].([]any)[0].(map[string]any)
	for _, k := range []string{"id", "householdId", "siteId", "name", "idNumberMasked", "sex", "birthDate", "age", "laborCapacity"} {
		if _, ok := it[k]; !ok {
			t.Errorf("member lacks %s: %v", k, it)
		}
	}
	if _, ok := it["idNumber"]; ok {
		t.Fatalf("member list exposes the full ID number: %v", it)
	}
	if v, ok := it["employment"]; !ok || v != nil {
		t.Fatalf("employment should be null: %v", it)
	}
	st, body = e.do("GET", "/api/v1/members?employed=false&pageSize=2&page=2", "admin", nil)
	if st != 200 || total(body) != 6 || len(body["items"].([]any)) != 2 {
		t.Fatalf("paging: %d total=%d", st, total(body))
	}
	st, body = e.do("GET", "/api/v1/members?laborCapacity=超人", "admin", nil)
	if st != 422 {
		t.Fatalf("bad filter: %d %v", st, body)
	}
	st, body = e.do("GET", "/api/v1/members?pageSize=500", "admin", nil)
	if st != 422 || fieldErrors(body)["pageSize"] == "" {
		t.Fatalf("pageSize over 200: %d %v", st, body)
	}
	mid := it["id"].(string)
	st, one := e.do("GET", "/api/v1/members/"+mid, "siteA", nil)
	if st != 200 || one["id"] != mid {
		t.Fatalf("get member: %d %v", st, one)
	}
}

func TestDivisions(t *testing.T) {
	e := newEnv(t)
	st, body := e.do("GET", "/api/v1/divisions?parent=140524", "siteA", nil)
	e.must(st, 200, body)
	found := false
	for _, it := range body["items"].([]any) {
		if it.(map[string]any)["code"] == "140524100" && it.(map[string]any)["name"] == "崇文镇" {
			found = true
		}
	}
	if !found {
		t.Fatalf("崇文镇 not among children of 陵川县: %v", body)
	}
	if st, body = e.do("GET", "/api/v1/divisions", "siteA", nil); st != 200 || total(body) != 31 {
		t.Fatalf("provinces: %d %d", st, total(body))
	}
	if st, _ = e.do("GET", "/api/v1/divisions?parent=999", "siteA", nil); st != 422 {
		t.Fatalf("unknown parent: %d", st)
	}
}

// TestOversizedBody goes through a real loopback listener: a request announcing a body over the limit
// is answered 413 before the body is read (a client that keeps writing then sees the connection close,
// so the test announces the size and reads the answer).
func TestOversizedBody(t *testing.T) {
	e := newEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = e.srv.Fiber.Listener(ln) }()
	defer func() { _ = e.srv.Fiber.Shutdown() }()
	conn, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_ = conn.SetDeadline(time.Now().Add(10 * time.Second)) // a server waiting for the body fails the test
	fmt.Fprintf(conn, "POST /api/v1/households HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"+
		"Authorization: Bearer %s\r\nContent-Length: %d\r\n\r\n{\"siteId\":\"", e.tokens["admin"], 2<<20)
	resp, err := nethttp.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var body map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&body)
	if resp.StatusCode != 413 || body["error"] == nil {
		t.Fatalf("oversized body: %d %v", resp.StatusCode, body)
	}
	_, lst := e.do("GET", "/api/v1/households", "admin", nil)
	if total(lst) != 0 {
		t.Fatal("oversized body stored something")
	}
}

func TestRegistrationWarnings(t *testing.T) {
	e := newEnv(t)
	b := householdBody(e.siteA)
	b["members"].([]map[string]any)[1]["health"] = "健康" // a healthy 48-year-old recorded as weak labour
	st, h := e.do("POST", "/api/v1/households", "siteA", b)
	e.must(st, 201, h)
	ws, _ := h["warnings"].([]any)
	if len(ws) != 1 || ws[0].(map[string]any)["field"] != "members[1].laborCapacity" {
		t.Fatalf("warnings: %v", h["warnings"])
	}
}
