package web

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// go test ./web -run TestSamplePages -web.out DIR writes the rendered pages to DIR, to look at
// them in a browser (served with their assets, see the package comment of assets.go).
var outDir = flag.String("web.out", "", "write the rendered sample pages to this directory")

func sampleShell(title string) *Page {
	return &Page{
		Title:     title,
		User:      &User{Name: "王晓红", Role: "县级管理员", Scope: "某某县"},
		CSRFToken: "test-csrf-token",
		Menu: []MenuItem{
			{Label: "工作台", Href: "/"},
			{Section: "登记管理", Label: "安置点", Href: "/sites"},
			{Section: "登记管理", Label: "搬迁户", Href: "/households", Active: title == "搬迁户"},
			{Section: "就业服务", Label: "用人单位", Href: "/employers"},
			{Section: "就业服务", Label: "岗位", Href: "/positions"},
			{Section: "就业服务", Label: "就业登记", Href: "/placements"},
			{Section: "就业服务", Label: "零就业家庭", Href: "/zero-employment", Count: 2},
			{Section: "统计报表", Label: "就业统计", Href: "/reports", Active: title == "就业统计"},
			{Section: "系统管理", Label: "用户与权限", Href: "/users"},
		},
	}
}

type sampleRow struct {
	ID, Head, IDNumber, Site string
	People, Labor, Employed  int
	Rate                     int
	Status                   string
	Days                     int
}

type memberRow struct {
	Prefix, Number, Name, IDNumber string
	Errors                         FieldErrors
}

type chartSpec struct {
	Categories []string      `json:"categories"`
	Series     []chartSeries `json:"series"`
	Unit       string        `json:"unit,omitempty"`
	Percent    bool          `json:"percent,omitempty"`
}

type chartSeries struct {
	Name string    `json:"name"`
	Data []float64 `json:"data"`
}

func samplePages() map[string]*Page {
	login := &Page{Title: "登录", CSRFToken: "test-csrf-token"}
	loginErr := &Page{Title: "登录", CSRFToken: "test-csrf-token", FormError: "用户名或密码错误",
		Errors: FieldErrors{"password": "请输入密码"}, Data: map[string]string{"Username": "wangxh", "Next": "/households"}}

	households := sampleShell("搬迁户")
	sites := []string{"城南安置点", "易地扶贫搬迁新区", "河西社区安置点"}
	var rows []sampleRow
	for i, st := range []string{"overdue", "soon", "ok", "ok", "ok", "soon", "ok", "ok"} {
		rows = append(rows, sampleRow{
			ID: fmt.Sprintf("H5226%06d", 1201+i), Head: []string{"杨光荣", "吴秀英", "龙正华", "石桂兰", "潘文军", "杨德明", "王金花", "张家富"}[i],
			IDNumber: fmt.Sprintf("522627%s****%03d%d", []string{"1968", "1975", "1982", "1979", "1990", "1971", "1985", "1966"}[i], 101+i, i),
			Site:     sites[i%3], People: 3 + i%4, Labor: 2 + i%3, Employed: (2 + i%3) * (i % 2),
			Rate: []int{0, 50, 100, 67, 100, 0, 75, 100}[i], Status: st, Days: 4,
		})
	}
	households.Data = map[string]any{
		"Sites": sites, "Query": "", "Rows": rows,
		"Pagination": NewPagination(3104, 3, 20, func(p int) string { return fmt.Sprintf("/households?page=%d", p) }),
	}

	dashboard := sampleShell("就业统计")
	dashboard.Flash = &Flash{Kind: "success", Message: "月度报表已生成，可在下方下载。"}
	dashboard.Data = map[string]any{
		"Channel": chartSpec{Categories: []string{"外出务工", "就近就业", "公益性岗位", "帮扶车间", "自主创业", "灵活就业"},
			Series: []chartSeries{{Name: "就业人数", Data: []float64{2310, 1650, 612, 845, 138, 550}}}, Unit: "人"},
		"Sites": chartSpec{Categories: []string{"城南安置点", "易地扶贫搬迁新区", "河西社区安置点", "青龙湾安置区", "幸福家园"},
			Series: []chartSeries{{Name: "就业率", Data: []float64{92.4, 88.1, 79.6, 95.0, 84.3}}}, Percent: true},
		"Trend": chartSpec{Categories: []string{"7月", "8月", "9月", "10月", "11月", "12月"},
			Series: []chartSeries{{Name: "已就业", Data: []float64{5620, 5710, 5802, 5950, 6040, 6105}},
				{Name: "新增就业", Data: []float64{180, 240, 201, 266, 150, 98}}}, Unit: "人"},
	}

	form := sampleShell("新增搬迁户")
	form.FormError = "有 2 处需要修改，请查看标红的字段。"
	form.Errors = FieldErrors{"phone": "请填写 11 位手机号码", "members[1].idNumber": "身份证号码校验位错误，请核对"}
	form.Data = map[string]any{"Members": []memberRow{
		{Name: "杨光荣", IDNumber: "11010519491231002X"},
		{Name: "吴秀英", IDNumber: "522627197503071233"},
	}}
	notFound := sampleShell("页面不存在")
	notFound.Data = map[string]any{"Status": 404, "Message": "您访问的页面不存在或已被删除。"}
	return map[string]*Page{"error": notFound, "login": login, "login-error": loginErr, "households": households,
		"dashboard": dashboard, "household-form": form}
}

// rowData is the sample form's helper: index -1 renders the <template> row.
func rowData(i int, m any, errs FieldErrors) memberRow {
	r := memberRow{Prefix: "members[__i__]", Errors: errs}
	if mr, ok := m.(memberRow); ok {
		r = mr
	}
	if i >= 0 {
		r.Prefix, r.Number, r.Errors = fmt.Sprintf("members[%d]", i), fmt.Sprint(i+1), errs
	}
	return r
}

func renderSample(t *testing.T, tmpl *Templates, name string, p *Page) string {
	t.Helper()
	var b bytes.Buffer
	page := strings.TrimSuffix(name, "-error")
	sample := filepath.Join("testdata/pages", page+".html")
	if _, err := os.Stat(sample); err != nil { // a real page (the samples predate some of them)
		if err := tmpl.Render(&b, page, p); err != nil {
			t.Fatal(err)
		}
		return b.String()
	}
	set, err := tmpl.base.Clone()
	if err != nil {
		t.Fatal(err)
	}
	set, err = set.Funcs(template.FuncMap{"rowData": rowData}).ParseFiles(sample)
	if err != nil {
		t.Fatal(err)
	}
	if err := set.ExecuteTemplate(&b, "layout", p); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

var (
	inlineStyle  = regexp.MustCompile(`(?i)<style|\sstyle=`)
	inlineScript = regexp.MustCompile(`(?i)<script(\s[^>]*)?>`)
	inlineEvent  = regexp.MustCompile(`(?i)\son[a-z]+=`)
	assetRef     = regexp.MustCompile(`(?:src|href)="(/static/[^"]+)"`)
)

// TestSamplePages renders the login page and the sample pages in testdata/, and checks what
// the CSP (default-src 'self') and the conventions need: no inline style or script, no inline
// event handlers, every asset link resolvable, every form with a CSRF field.
func TestSamplePages(t *testing.T) {
	tmpl, err := ParseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := tmpl.pages["login"]; !ok {
		t.Fatalf("no login page among %v", tmpl.Names())
	}
	for name, p := range samplePages() {
		html := renderSample(t, tmpl, name, p)
		if m := inlineStyle.FindString(html); m != "" {
			t.Errorf("%s: inline style %q", name, m)
		}
		if m := inlineEvent.FindString(html); m != "" {
			t.Errorf("%s: inline event handler %q", name, m)
		}
		for _, m := range inlineScript.FindAllStringSubmatch(html, -1) {
			if !strings.Contains(m[1], "src=") && !strings.Contains(m[1], `type="application/json"`) {
				t.Errorf("%s: inline script %q", name, m[0])
			}
		}
		for _, m := range assetRef.FindAllStringSubmatch(html, -1) {
			if _, immutable, ok := LookupAsset(m[1]); !ok || !immutable {
				t.Errorf("%s: asset %s is not a hashed asset", name, m[1])
			}
		}
		if forms, csrf := strings.Count(html, `method="post"`), strings.Count(html, `name="_csrf"`); forms != csrf {
			t.Errorf("%s: %d POST forms but %d _csrf fields", name, forms, csrf)
		}
		if *outDir != "" {
			if err := os.MkdirAll(*outDir, 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(*outDir, name+".html"), []byte(html), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestLoginShowsErrorsAsText(t *testing.T) {
	tmpl, err := ParseTemplates()
	if err != nil {
		t.Fatal(err)
	}
	html := renderSample(t, tmpl, "login-error", samplePages()["login-error"])
	for _, want := range []string{
		`<label for="username">用户名</label>`,
		`错误:用户名或密码错误`,
		`<p class="field-error" id="password-error">错误:请输入密码</p>`,
		`aria-describedby="password-error"`,
		`value="wangxh"`,
		`<meta name="csrf-token" content="test-csrf-token">`,
	} {
		if !strings.Contains(html, want) {
			t.Errorf("login page lacks %s", want)
		}
	}
	cfg := regexp.MustCompile(`<meta name="htmx-config" content='([^']*)'>`).FindStringSubmatch(html)
	var v map[string]any
	if cfg == nil || json.Unmarshal([]byte(cfg[1]), &v) != nil || v["allowEval"] != false {
		t.Errorf("htmx-config meta missing, not JSON or allowing eval: %v", cfg)
	}
	if strings.Contains(html, `class="sidenav"`) {
		t.Error("login page without a user shows the menu")
	}
	var b bytes.Buffer
	if err := tmpl.Render(&b, "nope", &Page{}); err == nil {
		t.Error("Render of an unknown page: no error")
	}
}

func TestErrorID(t *testing.T) {
	if got := ErrorID("members[10].idNumber"); got != "members_10__idNumber-error" {
		t.Errorf("ErrorID = %q", got)
	}
}

// TestFieldLabel checks that audit field paths read in Chinese, members numbered from 1, and that a
// name without a label keeps its code.
func TestFieldLabel(t *testing.T) {
	for in, want := range map[string]string{
		"members[1].employment.startDate": "成员2·就业·开始日期",
		"countyCode":                      "县代码",
		"siteIds[0]":                      "安置点1",
		"origin.village":                  "迁出地·村",
		"somethingNew":                    "somethingNew",
		"members[x].name":                 "成员[x]·名称",
	} {
		if got := fieldLabel(in); got != want {
			t.Errorf("fieldLabel(%q) = %q, want %q", in, got, want)
		}
	}
}
