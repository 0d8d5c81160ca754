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

// fieldLabels are the Chinese names of the fields an audit entry's changes name, by lower-case name.
var fieldLabels = map[string]string{
	"address":            "地址",
	"agemax":             "年龄上限",
	"agemin":             "年龄下限",
	"area":               "意向地区",
	"at":                 "时间",
	"birthdate":          "出生日期",
	"by":                 "经办人",
	"capacityhouseholds": "可容纳户数",
	"capacitypeople":     "可容纳人数",
	"category":           "类别",
	"channel":            "就业渠道",
	"constraints":        "就业限制",
	"contactname":        "联系人",
	"contactphone":       "联系电话",
	"countycode":         "县代码",
	"createdat":          "创建时间",
	"createdby":          "创建人",
	"creditcode":         "统一社会信用代码",
	"date":               "日期",
	"disability":         "残疾",
	"disabled":           "停用",
	"displayname":        "姓名",
	"education":          "文化程度",
	"employerid":         "用人单位编号",
	"employername":       "用人单位",
	"employment":         "就业",
	"enddate":            "结束日期",
	"endnote":            "离岗说明",
	"endreason":          "离岗原因",
	"ethnicity":          "民族",
	"expiresat":          "过期时间",
	"filled":             "已录用",
	"followups":          "回访",
	"formermembers":      "原成员",
	"fulltime":           "全职",
	"grade":              "等级",
	"health":             "健康状况",
	"householdid":        "搬迁户编号",
	"households":         "户数",
	"householdtype":      "户类型",
	"id":                 "编号",
	"idnumber":           "身份证号码",
	"income":             "收入",
	"jobintention":       "就业意向",
	"joined":             "加入日期",
	"kind":               "类型",
	"kinds":              "意向工种",
	"laborcapacity":      "劳动能力",
	"localminwage":       "最低工资标准",
	"location":           "工作地点",
	"memberid":           "成员编号",
	"membername":         "成员姓名",
	"members":            "成员",
	"minlaborcapacity":   "劳动能力要求",
	"monitoringtype":     "监测类型",
	"monthlyincome":      "月收入",
	"monthlywage":        "月工资",
	"moveindate":         "入住日期",
	"moveout":            "迁出",
	"name":               "名称",
	"nextstep":           "下一步",
	"note":               "备注",
	"number":             "编号",
	"offers":             "推荐岗位",
	"openings":           "招聘人数",
	"origin":             "迁出地",
	"pensioner":          "领取养老金",
	"people":             "人数",
	"phone":              "联系电话",
	"placementid":        "就业记录编号",
	"positionid":         "岗位编号",
	"positiontitle":      "岗位",
	"povertycauses":      "致贫原因",
	"reason":             "原因",
	"referrals":          "转介",
	"relation":           "与户主关系",
	"relocationyear":     "搬迁年度",
	"removed":            "移除",
	"role":               "角色",
	"schoolstatus":       "在校情况",
	"sex":                "性别",
	"siteid":             "安置点编号",
	"siteids":            "安置点",
	"skills":             "技能",
	"startdate":          "开始日期",
	"status":             "状态",
	"stillworking":       "仍在岗",
	"title":              "岗位名称",
	"townshipcode":       "乡镇代码",
	"trainings":          "培训",
	"unemployment":       "未就业情况",
	"unit":               "楼栋门牌",
	"updatedat":          "更新时间",
	"userid":             "账号编号",
	"username":           "用户名",
	"version":            "版本",
	"village":            "村",
	"wantswork":          "有就业意愿",
	"weights":            "匹配权重",
	"welfare":            "公益性岗位",
	"workplace":          "务工地点",
	"zeroemployment":     "零就业家庭",
	"zerosince":          "零就业起始日期",
}

// fieldLabel is the Chinese name of a changed field's path: "members[1].employment.startDate" ->
// "成员2·就业·开始日期". A segment without a name stays as it is.
func fieldLabel(path string) string {
	parts := strings.Split(path, ".")
	for i, seg := range parts {
		name, index := seg, ""
		if j := strings.IndexByte(seg, '['); j > 0 && strings.HasSuffix(seg, "]") {
			name, index = seg[:j], seg[j+1:len(seg)-1]
		}
		if l, ok := fieldLabels[strings.ToLower(name)]; ok {
			name = l
		}
		if n, err := strconv.Atoi(index); err == nil {
			name += strconv.Itoa(n + 1)
		} else if index != "" {
			name += "[" + index + "]"
		}
		parts[i] = name
	}
	return strings.Join(parts, "·")
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
	"fieldLabel": fieldLabel,                                      // {{fieldLabel .Field}} -> 成员2·就业·开始日期
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
