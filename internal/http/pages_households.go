package http

import (
	"fmt"
	"net/url"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/division"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/page"
	"github.com/anju-cn/anju/web"
)

// visibleSites are the sites the caller may see, for filters and pickers.
func (s *Server) visibleSites(c *fiber.Ctx) ([]app.SiteView, error) {
	ss, err := s.Svc.Registration.ListSites(c.UserContext(), app.SiteQuery{Page: page.Request{Page: 1, Size: page.MaxSize}})
	return ss.Items, err
}

func siteNames(ss []app.SiteView) map[string]string {
	out := map[string]string{}
	for _, s := range ss {
		out[s.ID] = s.Name
	}
	return out
}

func pageNumber(c *fiber.Ctx) int {
	n, _ := strconv.Atoi(c.Query("page"))
	return max(n, 1)
}

// householdRow is one line of the list.
type householdRow struct {
	*household.Household
	Head, Site        string
	People            int
	Workers, Employed int
}

func headOf(h *household.Household) string {
	for _, m := range h.Members {
		if m.Relation == "户主" {
			return m.Name
		}
	}
	if len(h.Members) > 0 {
		return h.Members[0].Name
	}
	return ""
}

func (s *Server) householdsPage(c *fiber.Ctx) error {
	sites, err := s.visibleSites(c)
	if err != nil {
		return err
	}
	q := app.HouseholdQuery{SiteID: c.Query("siteId"), Status: c.Query("status"), Q: c.Query("q"), HouseholdType: c.Query("householdType"),
		ZeroEmployment: c.Query("zero") != "", Page: page.Request{Page: pageNumber(c), Size: 20}}
	p := s.page(c, "搬迁户", "/households")
	hs, err := s.Svc.Registration.ListHouseholds(c.UserContext(), q)
	if err != nil {
		errs, msg, _, ok := formError(err)
		if !ok {
			return err
		}
		p.Errors, p.FormError = errs, msg
	}
	names := siteNames(sites)
	var rows []householdRow
	for _, h := range hs.Items {
		r := householdRow{Household: h, Head: headOf(h), Site: names[h.SiteID], People: len(h.Members)}
		r.Workers, r.Employed = h.Workers()
		rows = append(rows, r)
	}
	vals := url.Values{}
	for _, k := range []string{"siteId", "status", "q", "zero", "householdType"} {
		if v := c.Query(k); v != "" {
			vals.Set(k, v)
		}
	}
	p.Data = map[string]any{"Sites": sites, "Q": q, "Rows": rows, "V": vocabs, "Writer": s.can(c, "households:write"),
		"Pagination": web.NewPagination(hs.Total, q.Page.Page, 20, func(n int) string {
			vals.Set("page", strconv.Itoa(n))
			return "/households?" + vals.Encode()
		})}
	return s.render(c, fiber.StatusOK, "households", p)
}

// householdFormData is the registration form: values as typed, member rows, sites and vocabularies.
type householdFormData struct {
	Form     map[string]string
	Multi    map[string][]string
	Rows     []memberRow
	Template memberRow
	Sites    []app.SiteView
	V        map[string][]string
}

func (s *Server) householdForm(c *fiber.Ctx, f formValues, errs web.FieldErrors) (householdFormData, error) {
	sites, err := s.visibleSites(c)
	if err != nil {
		return householdFormData{}, err
	}
	d := householdFormData{Form: f.One, Multi: f.Multi, Sites: sites, V: vocabs,
		Template: memberRow{Prefix: "members[__i__]", Form: map[string]string{}, V: vocabs}}
	n := max(f.rows(), 1)
	for i := range n {
		d.Rows = append(d.Rows, memberRow{Prefix: fmt.Sprintf("members[%d]", i), Number: i + 1, Form: f.One, Errors: errs, V: vocabs})
	}
	return d, nil
}

func (s *Server) householdNewPage(c *fiber.Ctx) error {
	f := formValues{One: map[string]string{"monitoringType": "无", "members[0].relation": "户主", "members[0].ethnicity": "汉族",
		"moveInDate": s.Svc.Now().Format("2006-01-02"), "relocationYear": strconv.Itoa(s.Svc.Now().Year())}, Multi: map[string][]string{}}
	if sites, err := s.visibleSites(c); err == nil && len(sites) == 1 {
		f.One["siteId"] = sites[0].ID
		f.One["origin.countyCode"] = sites[0].CountyCode
	}
	d, err := s.householdForm(c, f, nil)
	if err != nil {
		return err
	}
	p := s.page(c, "入住登记", "/households/new")
	p.Data = d
	return s.render(c, fiber.StatusOK, "household-new", p)
}

// memberFrom reads one member's fields at prefix ("members[0]" or "member").
func memberFrom(f formValues, prefix string) memberRequest {
	k := func(name string) string { return f.get(prefix + "." + name) }
	m := memberRequest{Name: k("name"), IDNumber: k("idNumber"), Relation: k("relation"), Ethnicity: k("ethnicity"),
		Education: k("education"), SchoolStatus: k("schoolStatus"), Health: k("health"), LaborCapacity: k("laborCapacity"),
		Skills: f.list(prefix + ".skills"), Phone: k("phone")}
	if f.bool(prefix+".jobIntention.wantsWork") || k("jobIntention.area") != "" {
		m.JobIntention = &jobIntentionJSON{WantsWork: f.bool(prefix + ".jobIntention.wantsWork"), Area: k("jobIntention.area")}
	}
	return m
}

func householdFrom(f formValues) householdRequest {
	r := householdRequest{SiteID: f.get("siteId"), Origin: originJSON{CountyCode: f.get("origin.countyCode"),
		TownshipCode: f.get("origin.townshipCode"), Village: f.get("origin.village")},
		RelocationYear: f.int("relocationYear"), MoveInDate: f.get("moveInDate"), Unit: f.get("unit"), Phone: f.get("phone"),
		HouseholdType: f.get("householdType"), MonitoringType: f.get("monitoringType"), PovertyCauses: f.Multi["povertyCauses"]}
	for i := range f.rows() {
		r.Members = append(r.Members, memberFrom(f, fmt.Sprintf("members[%d]", i)))
	}
	return r
}

// householdNewSubmit registers through the same service as POST /api/v1/households; a refusal
// re-displays the form as typed with each error next to its field (422, 409 for a taken ID number).
func (s *Server) householdNewSubmit(c *fiber.Ctx) error {
	f := readForm(c)
	r := householdFrom(f)
	h, err := s.Svc.Registration.Register(c.UserContext(), r.toHousehold())
	if err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		d, derr := s.householdForm(c, f, errs)
		if derr != nil {
			return derr
		}
		p := s.page(c, "入住登记", "/households/new")
		p.Errors, p.FormError, p.Data = errs, msg, d
		return s.render(c, status, "household-new", p)
	}
	return c.Redirect("/households/"+h.ID+"?saved=1", fiber.StatusSeeOther)
}

// householdView is the detail page.
type householdView struct {
	H          *household.Household
	Site       string
	Origin     string // 原住址 in words
	Placements []placementRow
	History    []audit.Entry
	NoHistory  bool // the role may not read the audit trail
	Writer     bool
	V          map[string][]string
	Today      string
	NewMember  memberRow
	Workers    int
	Employed   int
}

func (s *Server) householdView(c *fiber.Ctx, h *household.Household) (householdView, error) {
	ctx := c.UserContext()
	v := householdView{H: h, Writer: s.can(c, "households:write"), V: vocabs, Today: s.Svc.Now().Format("2006-01-02"),
		NewMember: memberRow{Prefix: "member", Form: map[string]string{}, V: vocabs}}
	v.Workers, v.Employed = h.Workers()
	v.Origin = originName(h.Origin)
	if st, err := s.Svc.Registration.GetSite(ctx, h.SiteID); err == nil {
		v.Site = st.Name
	}
	return v, nil
}

// householdHistory is the placement history and the change history of a household, fetched by its
// page after it has loaded: both are searches over whole collections (on the embedded database,
// a scan), which the page should not wait for.
func (s *Server) householdHistory(c *fiber.Ctx) error {
	ctx := c.UserContext()
	h, err := s.Svc.Registration.GetHousehold(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	v := householdView{H: h}
	if s.can(c, "jobs:read") {
		pl, err := s.Svc.Jobs.ListPlacements(ctx, app.PlacementQuery{HouseholdID: h.ID, Page: page.Request{Page: 1, Size: 100}})
		if err != nil {
			return err
		}
		v.Placements = placementRows(pl.Items)
	}
	hist, err := s.Svc.Audit.ListAudit(ctx, audit.Filter{Entity: "household", EntityID: h.ID, Page: page.Request{Page: 1, Size: 50}})
	switch {
	case apperr.Is(err, apperr.Forbidden):
		v.NoHistory = true
	case err != nil:
		return err
	default:
		v.History = hist.Items
	}
	p := s.page(c, "搬迁户 "+h.Number, "/households")
	p.Data = v
	return s.renderBlock(c, "household", "history", p)
}

func (s *Server) householdPage(c *fiber.Ctx) error {
	h, err := s.Svc.Registration.GetHousehold(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	v, err := s.householdView(c, h)
	if err != nil {
		return err
	}
	p := s.page(c, "搬迁户 "+h.Number, "/households")
	savedFlash(c, p)
	p.Data = v
	return s.render(c, fiber.StatusOK, "household", p)
}

// householdEditPage shows the household's own fields and each member's editable fields.
func (s *Server) householdEditPage(c *fiber.Ctx) error {
	h, err := s.Svc.Registration.GetHousehold(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	p := s.page(c, "修改搬迁户 "+h.Number, "/households")
	p.Data = editData(h, valuesOf(h), nil)
	return s.render(c, fiber.StatusOK, "household-edit", p)
}

type editView struct {
	H     *household.Household
	Sites []app.SiteView // none: the site is not changed here
	Form  map[string]string
	Multi map[string][]string
	V     map[string][]string
	Rows  []memberRow
	// Theirs is the household as someone else saved it, on a version conflict.
	Theirs *household.Household
}

func editData(h *household.Household, f formValues, errs web.FieldErrors) editView {
	d := editView{H: h, Form: f.One, Multi: f.Multi, V: vocabs}
	for i := range h.Members {
		d.Rows = append(d.Rows, memberRow{Prefix: fmt.Sprintf("members[%d]", i), Number: i + 1, Form: f.One, Errors: errs, V: vocabs, Fixed: true})
	}
	return d
}

// valuesOf fills the edit form from the stored household.
func valuesOf(h *household.Household) formValues {
	f := formValues{One: map[string]string{"version": strconv.Itoa(h.Version), "origin.countyCode": h.Origin.CountyCode,
		"origin.townshipCode": h.Origin.TownshipCode, "origin.village": h.Origin.Village, "relocationYear": strconv.Itoa(h.RelocationYear),
		"moveInDate": fmtDate(h.MoveInDate), "unit": h.Unit, "phone": h.Phone, "householdType": h.HouseholdType,
		"monitoringType": h.MonitoringType}, Multi: map[string][]string{"povertyCauses": h.PovertyCauses}}
	for i, m := range h.Members {
		p := fmt.Sprintf("members[%d].", i)
		f.One[p+"id"], f.One[p+"name"], f.One[p+"idNumber"], f.One[p+"relation"] = m.ID, m.Name, m.IDNumber, m.Relation
		f.One[p+"ethnicity"], f.One[p+"education"], f.One[p+"schoolStatus"] = m.Ethnicity, m.Education, m.SchoolStatus
		f.One[p+"health"], f.One[p+"laborCapacity"], f.One[p+"phone"] = m.Health, string(m.LaborCapacity), m.Phone
		f.One[p+"skills"], f.One[p+"jobIntention.area"] = joinList(m.Skills), string(m.JobIntention.Area)
		if m.JobIntention.WantsWork {
			f.One[p+"jobIntention.wantsWork"] = "on"
		}
	}
	return f
}

func joinList(s []string) string {
	out := ""
	for i, v := range s {
		if i > 0 {
			out += "、"
		}
		out += v
	}
	return out
}

// householdEditSubmit saves with the version the form was loaded at: if someone else saved first,
// the form comes back (409) saying so, with their values beside it.
func (s *Server) householdEditSubmit(c *fiber.Ctx) error {
	ctx := c.UserContext()
	h, err := s.Svc.Registration.GetHousehold(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	f := readForm(c)
	str := func(k string) *string { v := f.get(k); return &v }
	year, date := f.int("relocationYear"), parseDate(f.get("moveInDate"))
	causes := f.Multi["povertyCauses"]
	if causes == nil {
		causes = []string{}
	}
	patch := app.HouseholdPatch{Version: f.int("version"), Origin: &household.Origin{CountyCode: f.get("origin.countyCode"),
		TownshipCode: f.get("origin.townshipCode"), Village: f.get("origin.village")}, RelocationYear: &year, MoveInDate: &date,
		Unit: str("unit"), Phone: str("phone"), HouseholdType: str("householdType"), MonitoringType: str("monitoringType"), PovertyCauses: &causes}
	for i := range h.Members {
		pre := fmt.Sprintf("members[%d]", i)
		id := f.get(pre + ".id")
		if id == "" {
			continue
		}
		m := memberFrom(f, pre)
		mp := app.MemberPatch{ID: id, Name: &m.Name, Relation: &m.Relation, Ethnicity: &m.Ethnicity, Education: &m.Education,
			SchoolStatus: &m.SchoolStatus, Health: &m.Health, Phone: &m.Phone}
		skills := m.Skills
		if skills == nil {
			skills = []string{}
		}
		mp.Skills = &skills
		lc := labor.Capacity(m.LaborCapacity)
		mp.LaborCapacity = &lc
		ji := household.JobIntention{}
		if m.JobIntention != nil {
			ji = jobIntentionOf(*m.JobIntention)
		}
		mp.JobIntention = &ji
		patch.Members = append(patch.Members, mp)
	}
	saved, err := s.Svc.Registration.PatchHousehold(ctx, h.ID, patch)
	if err == nil {
		return c.Redirect("/households/"+saved.ID+"?saved=1", fiber.StatusSeeOther)
	}
	errs, msg, status, ok := formError(err)
	if !ok {
		return err
	}
	p := s.page(c, "修改搬迁户 "+h.Number, "/households")
	d := editData(h, f, errs)
	if status == fiber.StatusConflict && h.Version != patch.Version {
		msg = fmt.Sprintf("保存失败:在您编辑期间,其他人已先保存了此户(第 %d 版)。下方列出对方保存的内容;请核对后重新修改并保存。", h.Version)
		d.Theirs = h
		f.One["version"] = strconv.Itoa(h.Version)
	}
	p.Errors, p.FormError, p.Data = errs, msg, d
	return s.render(c, status, "household-edit", p)
}

// memberAddSubmit adds a member (form fields "member.*") at the household's current version.
func (s *Server) memberAddSubmit(c *fiber.Ctx) error {
	ctx := c.UserContext()
	h, err := s.Svc.Registration.GetHousehold(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	f := readForm(c)
	m := memberFrom(f, "member")
	if _, err := s.Svc.Registration.AddMember(ctx, h.ID, f.int("version"), m.toMember()); err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		v, verr := s.householdView(c, h)
		if verr != nil {
			return verr
		}
		v.NewMember.Form, v.NewMember.Errors = f.One, web.FieldErrors{}
		for k, e := range errs {
			v.NewMember.Errors["member."+trimMember(k)] = e
		}
		p := s.page(c, "搬迁户 "+h.Number, "/households")
		p.Errors, p.FormError, p.Data = v.NewMember.Errors, msg, v
		return s.render(c, status, "household", p)
	}
	return c.Redirect("/households/"+h.ID+"?saved=1", fiber.StatusSeeOther)
}

// trimMember turns the service's "member.x" or "members[n].x" into "x".
func trimMember(k string) string {
	if m := rowIndex.FindString(k); m != "" {
		return k[len(m):]
	}
	if len(k) > 7 && k[:7] == "member." {
		return k[7:]
	}
	return k
}

func statusChangeFrom(f formValues) household.StatusChange {
	return household.StatusChange{Version: f.int("version"), Date: parseDate(f.get("date")), Reason: f.get("reason"), Note: f.get("note")}
}

func (s *Server) statusChangeDone(c *fiber.Ctx, hid string, err error) error {
	if err == nil {
		return c.Redirect("/households/"+hid+"?saved=1", fiber.StatusSeeOther)
	}
	errs, msg, status, ok := formError(err)
	if !ok {
		return err
	}
	h, gerr := s.Svc.Registration.GetHousehold(c.UserContext(), hid)
	if gerr != nil {
		return gerr
	}
	v, verr := s.householdView(c, h)
	if verr != nil {
		return verr
	}
	p := s.page(c, "搬迁户 "+h.Number, "/households")
	p.Errors, p.FormError, p.Data = errs, msg, v
	return s.render(c, status, "household", p)
}

func (s *Server) memberRemoveSubmit(c *fiber.Ctx) error {
	_, err := s.Svc.Registration.RemoveMember(c.UserContext(), c.Params("id"), c.Params("memberId"), statusChangeFrom(readForm(c)))
	return s.statusChangeDone(c, c.Params("id"), err)
}

func (s *Server) moveOutSubmit(c *fiber.Ctx) error {
	_, err := s.Svc.Registration.MoveOut(c.UserContext(), c.Params("id"), statusChangeFrom(readForm(c)))
	return s.statusChangeDone(c, c.Params("id"), err)
}

// originName is 原住址 in words: 山西省晋城市陵川县崇文镇 东山村.
func originName(o household.Origin) string {
	code := o.TownshipCode
	if code == "" {
		code = o.CountyCode
	}
	name := division.FullName(code)
	if name == "" {
		name = code
	}
	if o.Village != "" {
		name += " " + o.Village
	}
	return name
}
