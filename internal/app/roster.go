package app

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/datefmt"
	"github.com/anju-cn/anju/internal/excel"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/idcard"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/text"
)

// The mapping between a household and its roster rows (excel.RosterColumns), both ways, and from
// the service's field paths (members[2].idNumber) back to sheet cells.

// rosterRows returns a household's roster rows, one per current member, with the household's
// fields on every row. id decides how ID numbers are shown.
func rosterRows(h *household.Household, id func(string) string) []map[string]string {
	out := make([]map[string]string, 0, len(h.Members))
	head := ""
	if m := h.Head(); m != nil {
		head = id(m.IDNumber)
	}
	for _, m := range h.Members {
		r := map[string]string{
			"number": h.Number, "headId": head, "originCounty": h.Origin.CountyCode, "originTownship": h.Origin.TownshipCode,
			"originVillage": h.Origin.Village, "relocationYear": strconv.Itoa(h.RelocationYear), "moveInDate": datefmt.Format(h.MoveInDate),
			"unit": h.Unit, "phone": h.Phone, "householdType": h.HouseholdType, "monitoringType": h.MonitoringType,
			"povertyCauses": strings.Join(h.PovertyCauses, "、"),
			"name":          m.Name, "idNumber": id(m.IDNumber), "relation": m.Relation, "ethnicity": m.Ethnicity, "education": m.Education,
			"schoolStatus": m.SchoolStatus, "health": m.Health, "laborCapacity": string(m.LaborCapacity),
			"skills": strings.Join(m.Skills, "、"), "area": string(m.JobIntention.Area), "kinds": joinKinds(m.JobIntention.Kinds),
			"constraints": strings.Join(m.Constraints, "、"), "pensioner": yesNo(m.Pensioner), "wantsWork": yesNo(m.JobIntention.WantsWork),
			"memberPhone": m.Phone,
		}
		if m.Disability != nil {
			r["disabilityCategory"], r["disabilityGrade"] = m.Disability.Category, m.Disability.Grade
		}
		out = append(out, r)
	}
	return out
}

func joinKinds(ks []labor.Channel) string {
	s := make([]string, len(ks))
	for i, k := range ks {
		s[i] = string(k)
	}
	return strings.Join(s, "、")
}

func yesNo(b bool) string {
	if b {
		return "是"
	}
	return "否"
}

// rowGroup is the rows of one household in an imported sheet.
type rowGroup struct {
	rows []excel.RosterRow
}

// groupRows splits a sheet's rows into households: rows with the same 户编号 form one household;
// without a 户编号, rows with the same 户主身份证号码; a row with neither starts a new household when it
// is a 户主 and otherwise belongs to the household of the row above.
func groupRows(rows []excel.RosterRow) []*rowGroup {
	var groups []*rowGroup
	byKey := map[string]*rowGroup{}
	var last *rowGroup
	for _, r := range rows {
		key := ""
		if n := strings.TrimSpace(r.Value("number")); n != "" {
			key = "n:" + text.FoldWidth(n)
		} else if h := strings.TrimSpace(r.Value("headId")); h != "" {
			key = "h:" + strings.ToUpper(text.FoldWidth(h))
		}
		var g *rowGroup
		switch {
		case key != "":
			g = byKey[key]
		case strings.TrimSpace(r.Value("relation")) != "户主" && last != nil:
			g = last
		}
		if g == nil {
			g = &rowGroup{}
			groups = append(groups, g)
			if key != "" {
				byKey[key] = g
			}
		}
		g.rows = append(g.rows, r)
		last = g
	}
	return groups
}

// householdColumns maps household field paths to roster column keys.
var householdColumns = map[string]string{
	"origin.countyCode": "originCounty", "origin.townshipCode": "originTownship", "origin.village": "originVillage",
	"origin": "originCounty", "relocationYear": "relocationYear", "moveInDate": "moveInDate", "unit": "unit", "phone": "phone",
	"householdType": "householdType", "monitoringType": "monitoringType", "povertyCauses": "povertyCauses", "siteId": "",
	"number": "number", "headId": "headId",
}

// memberColumns maps member field paths (after "members[i].") to roster column keys.
var memberColumns = map[string]string{
	"name": "name", "idNumber": "idNumber", "relation": "relation", "ethnicity": "ethnicity", "education": "education",
	"schoolStatus": "schoolStatus", "health": "health", "disability": "disabilityCategory", "disability.category": "disabilityCategory",
	"disability.grade": "disabilityGrade", "laborCapacity": "laborCapacity", "skills": "skills", "jobIntention": "wantsWork",
	"jobIntention.wantsWork": "wantsWork", "jobIntention.area": "area", "jobIntention.kinds": "kinds", "constraints": "constraints",
	"pensioner": "pensioner", "phone": "memberPhone", "": "name",
}

var (
	memberPath = regexp.MustCompile(`^members\[(\d+)\](?:\.(.*))?$`)
	itemIndex  = regexp.MustCompile(`\[\d+\]$`)
)

// parsed is a household read from its rows, with the problems found while reading cells (before
// any rule runs), keyed by field path, and the row each household field was read from.
type parsed struct {
	h        household.Household
	problems map[string]string
	hhRow    map[string]int // household column key -> sheet row its value came from
	order    []string       // field paths of problems in the order found
}

func (p *parsed) problem(path, msg string) {
	if _, ok := p.problems[path]; ok {
		return
	}
	p.problems[path] = msg
	p.order = append(p.order, path)
}

var splitItems = regexp.MustCompile(`[、,，;；]+`)

func items(s string) []string {
	var out []string
	for _, p := range splitItems.Split(strings.TrimSpace(s), -1) {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseGroup reads a household from its rows: household fields from the first row that fills them
// (a later row with a different value is a problem), one member per row. It never fails: what it
// cannot read becomes a problem on the cell's field path.
func parseGroup(g *rowGroup, siteID string) *parsed {
	p := &parsed{problems: map[string]string{}, hhRow: map[string]int{}}
	hv := map[string]string{}
	for _, c := range excel.RosterColumns {
		if !c.Household {
			continue
		}
		for _, r := range g.rows {
			v := strings.TrimSpace(r.Value(c.Key))
			if cell := r.Cells[c.Key]; cell.Problem != "" {
				p.problem(fieldOfColumn(c.Key), cell.Problem)
				p.hhRow[c.Key] = r.Num
			}
			if v == "" {
				continue
			}
			if prev, ok := hv[c.Key]; !ok {
				hv[c.Key], p.hhRow[c.Key] = v, r.Num
			} else if prev != v && c.Key != "number" && c.Key != "headId" {
				p.problem(fieldOfColumn(c.Key), fmt.Sprintf("同一户的%s不一致:第%d行为“%s”,第%d行为“%s”",
					strings.TrimSuffix(c.Header, "*"), p.hhRow[c.Key], prev, r.Num, v))
			}
		}
	}
	h := &p.h
	h.SiteID = siteID
	h.Origin = household.Origin{CountyCode: text.FoldWidth(hv["originCounty"]), TownshipCode: text.FoldWidth(hv["originTownship"]),
		Village: hv["originVillage"]}
	if y := text.FoldWidth(hv["relocationYear"]); y != "" {
		y = strings.TrimSuffix(y, "年")
		n, err := strconv.Atoi(y)
		if err != nil {
			p.problem("relocationYear", "搬迁年度“"+hv["relocationYear"]+"”应为四位年份,例如2018")
		}
		h.RelocationYear = n
	}
	if d := hv["moveInDate"]; d != "" {
		h.MoveInDate = datefmt.LooseValue(d)
		if datefmt.IsMalformed(h.MoveInDate) {
			p.problem("moveInDate", "入住日期“"+d+"”无法识别;请写成2018-10-01、2018.10.01、2018/10/1或2018年10月1日")
		}
	}
	h.Unit, h.Phone = hv["unit"], text.FoldWidth(hv["phone"])
	h.HouseholdType, h.MonitoringType = hv["householdType"], hv["monitoringType"]
	h.PovertyCauses = items(hv["povertyCauses"])
	for i, r := range g.rows {
		h.Members = append(h.Members, parseMember(p, i, r))
	}
	return p
}

func parseMember(p *parsed, i int, r excel.RosterRow) household.Member {
	prefix := fmt.Sprintf("members[%d].", i)
	for key, cell := range r.Cells {
		if cell.Problem != "" {
			if c := excel.RosterColumns[excel.RosterColumnIndex(key)]; !c.Household {
				p.problem(prefix+memberFieldOf(key), cell.Problem)
			}
		}
	}
	v := func(k string) string { return strings.TrimSpace(r.Value(k)) }
	m := household.Member{Name: v("name"), Relation: v("relation"), Ethnicity: v("ethnicity"), Education: v("education"),
		SchoolStatus: v("schoolStatus"), Health: v("health"), LaborCapacity: labor.Capacity(v("laborCapacity")),
		Skills: items(v("skills")), Constraints: items(v("constraints")), Phone: text.FoldWidth(v("memberPhone"))}
	m.IDNumber = strings.ToUpper(text.FoldWidth(v("idNumber")))
	if cell := r.Cells["idNumber"]; cell.Text != "" && numericID(cell) {
		p.problem(prefix+"idNumber", fmt.Sprintf("身份证号码被Excel存成了数字(%s),末尾几位已丢失;请把该列设置为“文本”格式,重新录入完整的18位号码", cell.Text))
	}
	if c, g := v("disabilityCategory"), v("disabilityGrade"); c != "" || g != "" {
		m.Disability = &household.Disability{Category: c, Grade: g}
	}
	ji := &m.JobIntention
	ji.Area = labor.Area(v("area"))
	for _, k := range items(v("kinds")) {
		ji.Kinds = append(ji.Kinds, labor.Channel(k))
	}
	var ok bool
	if ji.WantsWork, ok = parseYes(v("wantsWork")); !ok {
		p.problem(prefix+"jobIntention.wantsWork", "是否有就业意愿应填“是”或“否”")
	}
	if m.Pensioner, ok = parseYes(v("pensioner")); !ok {
		p.problem(prefix+"pensioner", "是否领取养老金应填“是”或“否”")
	}
	return m
}

// numericID reports whether an ID-number cell was stored as a number that lost digits: written in
// scientific notation or with a point, or a number that is not a valid ID number.
func numericID(c excel.RosterCell) bool {
	t := text.FoldWidth(c.Text)
	if strings.ContainsAny(t, "eE") && strings.ContainsAny(t, "+.") {
		return true
	}
	if !c.Numeric {
		return false
	}
	return strings.Contains(t, ".") || !idcard.Valid(t, time.Now())
}

func parseYes(s string) (bool, bool) {
	switch strings.ToUpper(s) {
	case "", "否", "无", "N", "NO", "0":
		return false, true
	case "是", "有", "Y", "YES", "1":
		return true, true
	}
	return false, false
}

func fieldOfColumn(key string) string {
	for path, k := range householdColumns {
		if k == key && path != "origin" {
			return path
		}
	}
	return key
}

func memberFieldOf(key string) string {
	switch key {
	case "disabilityCategory":
		return "disability.category"
	case "disabilityGrade":
		return "disability.grade"
	case "memberPhone":
		return "phone"
	case "area":
		return "jobIntention.area"
	case "kinds":
		return "jobIntention.kinds"
	case "wantsWork":
		return "jobIntention.wantsWork"
	}
	return key
}

// cellOf maps a service field path to the sheet row and roster column key it came from.
func cellOf(g *rowGroup, p *parsed, path string) (row int, key string) {
	first := g.rows[0].Num
	if m := memberPath.FindStringSubmatch(path); m != nil {
		i, _ := strconv.Atoi(m[1])
		if i < 0 || i >= len(g.rows) {
			return first, "name"
		}
		k, ok := memberColumns[itemIndex.ReplaceAllString(m[2], "")] // skills[3]: the item's cell
		if !ok {
			k = "name"
		}
		return g.rows[i].Num, k
	}
	if path == "members" {
		return first, "relation"
	}
	path = itemIndex.ReplaceAllString(path, "") // povertyCauses[1]
	k, ok := householdColumns[path]
	if !ok {
		return first, ""
	}
	if r, ok := p.hhRow[k]; ok {
		return r, k
	}
	return first, k
}

// fieldNotes turns the parse problems and a service error's field errors into report entries, one
// per field path (a parse problem wins over the rule's message for the same field).
func fieldNotes(g *rowGroup, p *parsed, err error) []ImportIssue {
	var out []ImportIssue
	seen := map[string]bool{}
	add := func(path, msg string) {
		if seen[path] {
			return
		}
		seen[path] = true
		row, key := cellOf(g, p, path)
		out = append(out, ImportIssue{Row: row, Column: key, Field: path, Message: msg})
	}
	for _, path := range p.order {
		add(path, p.problems[path])
	}
	if err != nil {
		ae := apperr.As(err)
		for _, f := range ae.Fields {
			add(f.Field, f.Message)
		}
		if len(ae.Fields) == 0 {
			add("", ae.Message)
		}
	}
	return out
}
