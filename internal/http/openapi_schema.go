package http

import (
	"reflect"
	"strings"

	"github.com/anju-cn/anju/internal/vocab"
)

// requestBodies names the JSON body of every route that takes one; OpenAPI describes each from its
// Go type (json names, types, and the validator's required fields). A test checks that every write
// route is listed.
var requestBodies = map[string]any{
	"POST /api/v1/auth/login":                              loginRequest{},
	"POST /api/v1/auth/logout":                             struct{}{},
	"POST /api/v1/me/password":                             passwordRequest{},
	"POST /api/v1/users":                                   createUserRequest{},
	"PATCH /api/v1/users/:id":                              updateUserRequest{},
	"POST /api/v1/sites":                                   siteRequest{},
	"PATCH /api/v1/sites/:id":                              sitePatchRequest{},
	"POST /api/v1/households":                              householdRequest{},
	"PATCH /api/v1/households/:id":                         householdPatchRequest{},
	"POST /api/v1/households/:id/members":                  addMemberRequest{},
	"POST /api/v1/households/:id/members/:memberId/remove": statusChangeRequest{},
	"POST /api/v1/households/:id/move-out":                 statusChangeRequest{},
	"POST /api/v1/employers":                               employerRequest{},
	"PATCH /api/v1/employers/:id":                          employerPatchRequest{},
	"POST /api/v1/positions":                               positionRequest{},
	"PATCH /api/v1/positions/:id":                          positionPatchRequest{},
	"POST /api/v1/placements":                              placementRequest{},
	"POST /api/v1/placements/:id/end":                      endRequest{},
	"POST /api/v1/placements/:id/followups":                followUpRequest{},
	"PUT /api/v1/members/:id/unemployment":                 unemploymentRequest{},
	"POST /api/v1/members/:id/services":                    serviceRequest{},
	"PUT /api/v1/counties/:code/settings":                  settingsRequest{},
	"POST /api/v1/matching/plan":                           planRequest{},
	"POST /api/v1/matching/apply":                          applyRequest{},
}

// schemaOf describes a Go type as an OpenAPI schema.
func schemaOf(t reflect.Type) map[string]any {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch t.Kind() {
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem())}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem())}
	case reflect.Struct:
		props := map[string]any{}
		var required []string
		var anyOf []any // fields required unless another is given
		for i := 0; i < t.NumField(); i++ {
			f := t.Field(i)
			name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
			if name == "" || name == "-" {
				continue
			}
			s := schemaOf(f.Type)
			if f.Tag.Get("format") == "date" {
				s["format"] = "date"
			}
			if name := f.Tag.Get("enum"); name != "" {
				addEnum(s, name)
			}
			props[name] = s
			if f.Tag.Get("required") == "true" {
				required = append(required, name)
			}
			if other := f.Tag.Get("requiredUnless"); other != "" {
				anyOf = append(anyOf, map[string]any{"required": []string{name}}, map[string]any{"required": []string{other}})
			}
		}
		out := map[string]any{"type": "object", "properties": props, "additionalProperties": false}
		if len(required) > 0 {
			out["required"] = required
		}
		if len(anyOf) > 0 {
			out["anyOf"] = anyOf
		}
		return out
	}
	return map[string]any{}
}

// addEnum lists the values of a vocabulary set (GET /api/v1/vocabularies) as the schema's enum, or
// its items' enum for an array.
func addEnum(s map[string]any, set string) {
	v, ok := vocab.Get(set)
	if !ok {
		panic("openapi: unknown vocabulary " + set)
	}
	if items, ok := s["items"].(map[string]any); ok && s["type"] == "array" {
		items["enum"] = v.Values
		return
	}
	s["enum"] = v.Values
}
