package http_test

import (
	"fmt"
	"strings"
	"testing"
)

// TestVocabulariesAndEnums: every listed value set is served, the OpenAPI document carries them as
// enums, and a wrong value of a known list filter is refused naming the filter.
func TestVocabulariesAndEnums(t *testing.T) {
	e := newEnv(t)
	st, body := e.do("GET", "/api/v1/vocabularies", "siteA", nil)
	e.must(st, 200, body)
	sets := map[string][]any{}
	for _, it := range body["items"].([]any) {
		m := it.(map[string]any)
		sets[m["name"].(string)] = m["values"].([]any)
	}
	for _, name := range []string{"relations", "ethnicities", "educations", "schoolStatuses", "healths", "laborCapacities",
		"householdTypes", "channels", "unemployedReasons", "endReasons", "roles"} {
		if len(sets[name]) == 0 {
			t.Errorf("vocabulary %s missing", name)
		}
	}
	st, doc := e.do("GET", "/api/v1/openapi.json", "", nil)
	e.must(st, 200, doc)
	raw := fmt.Sprint(doc["paths"].(map[string]any)["/api/v1/households"])
	for _, v := range []string{"之兄弟媳妇", "弱劳动力或半劳动力", "特困供养脱贫户"} {
		if !strings.Contains(raw, v) {
			t.Errorf("the registration schema lists no enum value %s", v)
		}
	}
	for _, path := range []string{"/api/v1/placements?status=bogus", "/api/v1/households?status=bogus",
		"/api/v1/positions?channel=bogus", "/api/v1/unemployed?reason=bogus", "/api/v1/members?laborCapacity=bogus"} {
		st, body := e.do("GET", path, "admin", nil)
		field := strings.Split(strings.Split(path, "?")[1], "=")[0]
		if st != 422 || fieldErrors(body)[field] == "" {
			t.Errorf("%s: %d %v, want 422 naming %s", path, st, body, field)
		}
	}
}
