package vocab

import (
	"regexp"
	"testing"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/check"
)

func TestSets(t *testing.T) {
	camel := regexp.MustCompile(`^[a-z][a-zA-Z]*$`)
	names := map[string]bool{}
	for _, s := range All() {
		if !camel.MatchString(s.Name) || names[s.Name] {
			t.Errorf("name %q not camelCase or repeated", s.Name)
		}
		names[s.Name] = true
		if s.Label == "" || len(s.Values) == 0 {
			t.Errorf("%s: empty label or values", s.Name)
		}
		seen := map[string]bool{}
		for _, v := range s.Values {
			if v == "" || seen[v] {
				t.Errorf("%s: empty or repeated value %q", s.Name, v)
			}
			seen[v] = true
			if s.Labels != nil && s.Labels[v] == "" {
				t.Errorf("%s: no label for %q", s.Name, v)
			}
			var f apperr.Fields
			if !check.OneOf(&f, "x", s.Label, v, s.Values) {
				t.Errorf("%s: %q refused by its own list", s.Name, v)
			}
		}
	}
	for _, want := range []string{"relations", "ethnicities", "educations", "schoolStatuses", "healths", "disabilityCategories",
		"disabilityGrades", "householdTypes", "monitoringTypes", "povertyCauses", "laborCapacities", "channels", "areas",
		"unemployedReasons", "endReasons", "employerKinds", "moveOutReasons", "memberRemovalReasons", "roles", "serviceKinds"} {
		if !names[want] {
			t.Errorf("missing set %s", want)
		}
	}
}

func TestGetReturnsCopies(t *testing.T) {
	s, ok := Get("relations")
	if !ok || s.Values[0] != "户主" || s.Label != "与户主关系" {
		t.Fatalf("Get(relations) = %+v, %v", s, ok)
	}
	s.Values[0] = "changed"
	if again, _ := Get("relations"); again.Values[0] != "户主" {
		t.Fatal("Get hands out the domain's own slice")
	}
	if r, _ := Get("roles"); r.Labels["site"] != "安置点管理员" {
		t.Fatalf("role labels: %v", r.Labels)
	}
	if _, ok := Get("nope"); ok {
		t.Fatal("unknown set found")
	}
}
