package http

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/vocab"
	"github.com/anju-cn/anju/web"
)

// formValues is a submitted form as typed: single values by path ("phone", "members[1].idNumber")
// and every value of repeated fields (check boxes). Forms are re-displayed from it, so nothing typed
// is lost when the service refuses them.
type formValues struct {
	One   map[string]string
	Multi map[string][]string
}

func readForm(c *fiber.Ctx) formValues {
	f := formValues{One: map[string]string{}, Multi: map[string][]string{}}
	c.Request().PostArgs().VisitAll(func(k, v []byte) {
		key := string(k)
		if key == "_csrf" {
			return
		}
		f.Multi[key] = append(f.Multi[key], string(v))
		if _, ok := f.One[key]; !ok {
			f.One[key] = strings.TrimSpace(string(v))
		}
	})
	return f
}

func (f formValues) get(k string) string { return f.One[k] }

func (f formValues) int(k string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(f.One[k]))
	return n
}

func (f formValues) bool(k string) bool {
	v := f.One[k]
	return v == "on" || v == "true" || v == "1"
}

// list splits a free-text list field ("焊工、电工" or "焊工,电工").
func (f formValues) list(k string) []string {
	var out []string
	for _, s := range strings.FieldsFunc(f.One[k], func(r rune) bool { return r == ',' || r == '、' || r == '\uff0c' || r == ';' }) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

var rowIndex = regexp.MustCompile(`^members\[(\d+)\]\.`)

// rows is the number of members[i] rows present (the highest index + 1, at most 50).
func (f formValues) rows() int {
	n := 0
	for k := range f.One {
		if m := rowIndex.FindStringSubmatch(k); m != nil {
			if i, err := strconv.Atoi(m[1]); err == nil && i < 50 && i+1 > n {
				n = i + 1
			}
		}
	}
	return n
}

// vocabs are the listed values of every vocabulary by name, for selects.
var vocabs = func() map[string][]string {
	out := map[string][]string{}
	for _, s := range vocab.All() {
		out[s.Name] = s.Values
	}
	return out
}()

// memberRow is the data of the "member-row" partial: one row of the member fields.
type memberRow struct {
	Prefix string // members[0], or members[__i__] in the row template
	Number int    // 1-based, 0 in the template
	Form   map[string]string
	Errors web.FieldErrors
	V      map[string][]string
	Fixed  bool // an existing member on the edit form: ID number read-only, removed elsewhere
}
