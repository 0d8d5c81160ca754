package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"strconv"
	"strings"
	"time"
)

// Page is the data every page template is executed with; templates/layout.html reads the fields
// below, the page's own template reads Data (and Errors, FormError on forms).
type Page struct {
	Title     string      // the page's heading, and "<Title> - 安居" in <title>
	User      *User       // the signed-in user; nil renders the bare layout (no menu), as on 登录
	Menu      []MenuItem  // the user's menu, in order, for their role; empty hides the side menu
	CSRFToken string      // put in <meta name="csrf-token"> and in each form's hidden "_csrf" field
	Flash     *Flash      // one message shown above the content, e.g. after a redirect
	FormError string      // a form-level error not tied to one field, e.g. 用户名或密码错误
	Errors    FieldErrors // field errors of a re-displayed form, keyed like the API's error fields
	Data      any         // the page's own data
}

// User is who the layout's top bar names.
type User struct {
	Name  string // 张三
	Role  string // 县级管理员
	Scope string // 某某县, or the site's name
}

// MenuItem is one entry of the side menu. Items with the same Section follow each other; the
// layout prints the Section as a heading where it changes.
type MenuItem struct {
	Section string // 登记管理; "" for items without a heading
	Label   string // 搬迁户
	Href    string // /households
	Active  bool   // the current page's item
	Count   int    // shown as a red badge when > 0, e.g. overdue tasks
}

// Flash is a message shown once above the content.
type Flash struct {
	Kind    string // "success", "info", "warning" or "error"
	Message string
}

// FieldErrors maps a field path ("username", "members[1].idNumber", as in the API's error
// fields) to its Chinese message. Templates read it with index: {{with index .Errors "username"}}.
type FieldErrors map[string]string

// Templates holds one parsed template set per page: the layout and partials, plus the page.
type Templates struct {
	base  *template.Template // layout and partials, cloned for each page
	pages map[string]*template.Template
}

// FieldMsg is the data of the "field-error" partial (templates/partials/field.html).
type FieldMsg struct {
	ID      string // the error element's id, ErrorID(path)
	Message string // "" renders nothing
}

// SelectField is the data of the "member-select" partial: a labelled select over listed values.
type SelectField struct {
	Key, Label, Value string
	Required          bool
	Options           []string
	Errors            FieldErrors
}

// ErrorID is the id of the error line of the field at path (its name and id attributes):
// every character outside [A-Za-z0-9_-] becomes "_", then "-error" is appended:
// "members[0].idNumber" -> "members_0__idNumber-error". web/static/app.js makes the same ids.
func ErrorID(path string) string {
	b := []byte(path)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			b[i] = '_'
		}
	}
	return string(b) + "-error"
}

// funcs are the functions every template may call.
// auditLabels are the Chinese names of the audit trail's action and entity codes.
var auditLabels = map[string]string{
	"create": "新建", "update": "修改", "login": "登录", "logout": "退出登录", "move-out": "整户迁出", "add-member": "添加成员",
	"remove-member": "移除成员", "hire": "登记就业", "end": "离岗", "follow-up": "回访", "unemployment": "未就业登记",
	"view-id": "查看完整身份证号码", "search-id": "按身份证号码查询", "export": "导出", "import": "导入",
	"change-password": "修改密码", "reset-password": "重置密码", "archive": "归档",
	"user": "账号", "household": "搬迁户", "member": "成员", "site": "安置点", "employer": "用人单位", "position": "岗位",
	"placement": "就业记录", "settings": "县级设置", "statistics": "统计报表", "notice": "公示名单", "person": "人员", "roster": "花名册",
}

// auditLabel is the Chinese name of an audit code, or the code itself when it has none.
func auditLabel(code string) string {
	if l, ok := auditLabels[code]; ok {
		return l
	}
	return code
}

var funcs = template.FuncMap{
	"auditLabel": auditLabel,                                      // {{auditLabel .Action}} -> 登录
	"asset":      AssetPath,                                       // {{asset "static/app.css"}} -> hashed URL
	"add":        func(a, b int) int { return a + b },             // {{add $i 1}} for 1-based row numbers
	"errorID":    ErrorID,                                         // aria-describedby="{{errorID "username"}}"
	"date":       formatDate,                                      // {{date .MoveInDate}} -> 2026-03-01, "" for the zero time
	"pct":        formatPercent,                                   // {{pct .EmploymentRate}} -> 88.3% (rate 0..1)
	"pct100":     func(r float64) int { return int(r*100 + 0.5) }, // <progress value="{{pct100 .Rate}}">
	"join":       strings.Join,                                    // {{join .Skills "、"}}
	"sub":        func(a, b int) int { return a - b },
	"list":       func(s ...string) []string { return s },
	"split":      strings.Split,
	"mask":       maskID, // {{mask .IDNumber}} -> 140524********0012
	// {{datetime .At}} -> 2026-12-06 09:30 in China time
	"datetime": func(t time.Time) string { return t.In(time.FixedZone("CST", 8*3600)).Format("2006-01-02 15:04") },
	// {{divisionOf "140524" 2}} -> "14": the province (2) or city (4) of a division code; "" if too short.
	"divisionOf": func(code string, n int) string {
		if len(code) < n {
			return ""
		}
		return code[:n]
	},
	// {{template "member-select" (memberSel $prefix "relation" "与户主关系" "relations" true $form $errs $vocab)}}
	"memberSel": func(prefix, field, label, vocab string, required bool, form map[string]string, errs FieldErrors, v map[string][]string) SelectField {
		k := field
		if prefix != "" {
			k = prefix + "." + field
		}
		return SelectField{Key: k, Label: label, Required: required, Value: form[k], Options: v[vocab], Errors: errs}
	},
	// {{template "field-error" (fieldError .Errors "username")}}
	"fieldError": func(errs FieldErrors, path string) FieldMsg {
		return FieldMsg{ID: ErrorID(path), Message: errs[path]}
	},
}

func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// maskID shows the first 6 and last 4 characters of an ID number.
func maskID(s string) string {
	if len(s) < 10 {
		return s
	}
	return s[:6] + strings.Repeat("*", len(s)-10) + s[len(s)-4:]
}

func formatPercent(r float64) string {
	return strconv.FormatFloat(r*100, 'f', 1, 64) + "%"
}

// ParseTemplates parses templates/layout.html and templates/partials/*.html as the base, and
// each templates/pages/NAME.html on a copy of it, as page NAME. It returns an error (with the
// file name) when a template does not parse.
func ParseTemplates() (*Templates, error) {
	return parseTemplates(FS)
}

func parseTemplates(fsys fs.FS) (*Templates, error) {
	base, err := template.New("layout.html").Funcs(funcs).ParseFS(fsys, "templates/layout.html")
	if err != nil {
		return nil, fmt.Errorf("web: parse layout: %w", err)
	}
	if partials, _ := fs.Glob(fsys, "templates/partials/*.html"); len(partials) > 0 {
		if base, err = base.ParseFS(fsys, partials...); err != nil {
			return nil, fmt.Errorf("web: parse partials: %w", err)
		}
	}
	files, err := fs.Glob(fsys, "templates/pages/*.html")
	if err != nil {
		return nil, fmt.Errorf("web: list pages: %w", err)
	}
	t := &Templates{base: base, pages: map[string]*template.Template{}}
	for _, file := range files {
		page, err := base.Clone()
		if err != nil {
			return nil, fmt.Errorf("web: clone layout for %s: %w", file, err)
		}
		if page, err = page.ParseFS(fsys, file); err != nil {
			return nil, fmt.Errorf("web: parse %s: %w", file, err)
		}
		t.pages[strings.TrimSuffix(path.Base(file), ".html")] = page
	}
	return t, nil
}

// Render writes page name (templates/pages/NAME.html) inside the layout. It executes into a
// buffer first, so that on error nothing has been written and the caller can still send a 500.
// It returns an error for an unknown page or a failed execution.
func (t *Templates) Render(w io.Writer, name string, p *Page) error {
	return t.RenderBlock(w, name, "layout", p)
}

// RenderBlock writes one named template of page name's set: "content" for an htmx request that
// swaps the main area, or a partial such as "pagination". Errors as Render.
func (t *Templates) RenderBlock(w io.Writer, name, block string, data any) error {
	page, ok := t.pages[name]
	if !ok {
		return fmt.Errorf("web: no page template %q", name)
	}
	var b bytes.Buffer
	if err := page.ExecuteTemplate(&b, block, data); err != nil {
		return fmt.Errorf("web: render %s/%s: %w", name, block, err)
	}
	_, err := b.WriteTo(w)
	return err
}

// Names returns the page names, for tests that render every page.
func (t *Templates) Names() []string {
	names := make([]string, 0, len(t.pages))
	for n := range t.pages {
		names = append(names, n)
	}
	return names
}
