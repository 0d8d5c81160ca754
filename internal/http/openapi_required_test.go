package http_test

import (
	"strings"
	"testing"
)

// TestOpenAPIRequiredMatchesTheRules sends an empty object to every write route and compares the
// top-level fields the service says are missing or wrong with the fields the OpenAPI document marks
// required: each required field must be reported, and every field reported for an empty body must be
// marked required. So the document cannot drift from the rules that are enforced.
func TestOpenAPIRequiredMatchesTheRules(t *testing.T) {
	e := newEnv(t)
	h := e.register(e.siteA, "siteA")
	hid, ms := h["id"].(string), members(h)
	emp := e.employer("employment", "企业")
	pos := e.position("employment", emp, "县内企业就业", 5, nil)["id"].(string)
	st, pl := e.do("POST", "/api/v1/placements", "employment", hireBody(ms[0]["id"].(string), pos))
	e.must(st, 201, pl)
	ids := [][2]string{{"households/:id/members/:memberId", "households/" + hid + "/members/" + ms[1]["id"].(string)}, {"users/:id", "users/u:county"},
		{"sites/:id", "sites/" + e.siteA}, {"households/:id", "households/" + hid}, {"employers/:id", "employers/" + emp},
		{"positions/:id", "positions/" + pos}, {"placements/:id", "placements/" + pl["id"].(string)},
		{"members/:id", "members/" + ms[1]["id"].(string)}, {"counties/:code", "counties/140524"}}
	st, doc := e.do("GET", "/api/v1/openapi.json", "", nil)
	e.must(st, 200, doc)
	paths := doc["paths"].(map[string]any)
	checked := 0
	for p, item := range paths {
		for method, op := range item.(map[string]any) {
			rb, ok := op.(map[string]any)["requestBody"].(map[string]any)
			if !ok {
				continue
			}
			js, ok := rb["content"].(map[string]any)["application/json"].(map[string]any)
			if !ok {
				continue // a multipart upload: its missing file is checked by TestSameErrorsEverywhere
			}
			schema := js["schema"].(map[string]any)
			required := map[string]bool{}
			for _, r := range asSlice(schema["required"]) {
				required[r.(string)] = true
			}
			if len(required) == 0 {
				continue
			}
			path := strings.NewReplacer("{", ":", "}", "").Replace(p)
			for _, kv := range ids {
				path = strings.Replace(path, kv[0], kv[1], 1)
			}
			st, body := e.do(strings.ToUpper(method), path, "admin", map[string]any{})
			if st != 422 {
				t.Errorf("%s %s with {}: %d, want 422: %v", method, path, st, body)
				continue
			}
			reported := map[string]bool{}
			for f := range fieldErrors(body) {
				top, _, _ := strings.Cut(f, ".")
				top, _, _ = strings.Cut(top, "[")
				reported[top] = true
			}
			for r := range required {
				if !reported[r] {
					t.Errorf("%s %s: OpenAPI marks %q required, but {} gets no error on it: %v", method, p, r, fieldErrors(body))
				}
			}
			props := schema["properties"].(map[string]any)
			for _, alt := range asSlice(schema["anyOf"]) { // required unless another field is given
				for _, r := range asSlice(alt.(map[string]any)["required"]) {
					if reported[r.(string)] {
						required[r.(string)] = true
					}
				}
			}
			for r := range reported {
				if _, known := props[r]; known && !required[r] {
					t.Errorf("%s %s: {} gets an error on %q, which OpenAPI does not mark required", method, p, r)
				}
			}
			checked++
		}
	}
	if checked < 15 {
		t.Fatalf("only %d write routes checked", checked)
	}
}

func asSlice(v any) []any { s, _ := v.([]any); return s }
