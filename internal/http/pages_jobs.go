package http

import (
	"net/url"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/page"
	"github.com/anju-cn/anju/internal/vocab"
	"github.com/anju-cn/anju/web"
)

// placementRow is one placement in a list.
type placementRow struct {
	job.Placement
	Active bool
}

func placementRows(ps []job.Placement) []placementRow {
	out := make([]placementRow, 0, len(ps))
	for _, p := range ps {
		out = append(out, placementRow{Placement: p, Active: p.EndDate.IsZero()})
	}
	return out
}

// listLink builds the page links of a list, keeping its filters.
func listLink(c *fiber.Ctx, base string, keys ...string) func(int) string {
	vals := url.Values{}
	for _, k := range keys {
		if v := c.Query(k); v != "" {
			vals.Set(k, v)
		}
	}
	return func(n int) string {
		vals.Set("page", strconv.Itoa(n))
		return base + "?" + vals.Encode()
	}
}

// savedFlash shows "已保存。" on a page reached after a save (?saved=1).
func savedFlash(c *fiber.Ctx, p *web.Page) {
	if c.Query("saved") != "" {
		p.Flash = &web.Flash{Kind: "success", Message: "已保存。"}
	}
}

// listFailed puts the service's refusal of a list's filters on the page, to be shown with the form.
// It returns nil for a nil err or a refusal, and err itself for any other failure.
func (s *Server) listFailed(p *web.Page, err error) error {
	if err == nil {
		return nil
	}
	errs, msg, _, ok := formError(err)
	if !ok {
		return err
	}
	p.Errors, p.FormError = errs, msg
	return nil
}

// serviceLabels are the Chinese names of the 1-3-1 service kinds.
var serviceLabels = func() map[string]string {
	set, _ := vocab.Get("serviceKinds")
	return set.Labels
}()

// ---------- workers ----------

func (s *Server) workersPage(c *fiber.Ctx) error {
	p := s.page(c, "劳动力", "/workers")
	q := app.MemberQuery{SiteID: c.Query("siteId"), LaborCapacity: labor.Capacity(c.Query("capacity")), Workable: true,
		Reason: labor.UnemployedReason(c.Query("reason")), Q: c.Query("q"), Page: page.Request{Page: pageNumber(c), Size: 20}}
	switch c.Query("employed") {
	case "yes":
		t := true
		q.Employed = &t
	case "no":
		f := false
		q.Employed = &f
	}
	ms, err := s.Svc.Registration.ListMembers(c.UserContext(), q)
	if err := s.listFailed(p, err); err != nil {
		return err
	}
	sites, err := s.visibleSites(c)
	if err != nil {
		return err
	}
	p.Data = map[string]any{"Rows": ms.Items, "Sites": sites, "SiteNames": siteNames(sites), "V": vocabs,
		"F":          map[string]string{"siteId": q.SiteID, "capacity": c.Query("capacity"), "reason": c.Query("reason"), "employed": c.Query("employed"), "q": q.Q},
		"Pagination": web.NewPagination(ms.Total, q.Page.Page, 20, listLink(c, "/workers", "siteId", "capacity", "reason", "employed", "q"))}
	return s.render(c, fiber.StatusOK, "workers", p)
}

func (s *Server) workerPage(c *fiber.Ctx) error {
	return s.renderWorker(c, fiber.StatusOK, nil, "", nil)
}

func (s *Server) renderWorker(c *fiber.Ctx, status int, errs web.FieldErrors, msg string, form map[string]string) error {
	ctx := c.UserContext()
	m, err := s.Svc.Registration.GetMember(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	recs, err := s.Svc.Matching.Recommendations(ctx, m.ID, 10)
	if err != nil && status == fiber.StatusOK {
		return err
	}
	if form == nil {
		form = map[string]string{}
		if u := m.Unemployment; u != nil {
			form["reason"], form["nextStep"] = string(u.Reason), u.NextStep
		}
	}
	p := s.page(c, "劳动力 "+m.Name, "/workers")
	p.Errors, p.FormError = errs, msg
	savedFlash(c, p)
	p.Data = map[string]any{"M": m, "Recs": recs, "Form": form, "V": vocabs, "Writer": s.can(c, auth.WriteJobs),
		"Age": ageOf(m.BirthDate, s.Svc.Now()), "SvcLabels": serviceLabels}
	return s.render(c, status, "worker", p)
}

func (s *Server) unemploymentSubmit(c *fiber.Ctx) error {
	f := readForm(c)
	_, err := s.Svc.Jobs.SetUnemployment(c.UserContext(), c.Params("id"),
		app.UnemploymentRequest{Reason: labor.UnemployedReason(f.get("reason")), NextStep: f.get("nextStep")})
	if err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		return s.renderWorker(c, status, errs, msg, f.One)
	}
	return c.Redirect("/workers/"+c.Params("id")+"?saved=1", fiber.StatusSeeOther)
}

func (s *Server) serviceSubmit(c *fiber.Ctx) error {
	f := readForm(c)
	_, err := s.Svc.Jobs.RecordService(c.UserContext(), c.Params("id"), labor.ServiceKind(f.get("kind")), f.get("note"))
	if err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		return s.renderWorker(c, status, errs, msg, nil)
	}
	return c.Redirect("/workers/"+c.Params("id")+"?saved=1", fiber.StatusSeeOther)
}

// ---------- employers and positions ----------

func (s *Server) employersPage(c *fiber.Ctx) error {
	return s.renderEmployers(c, fiber.StatusOK, nil, "", map[string]string{})
}

func (s *Server) renderEmployers(c *fiber.Ctx, status int, errs web.FieldErrors, msg string, form map[string]string) error {
	p := s.page(c, "用人单位", "/employers")
	p.Errors, p.FormError = errs, msg
	n := pageNumber(c)
	es, err := s.Svc.Jobs.ListEmployers(c.UserContext(), app.EmployerQuery{CountyCode: c.Query("countyCode"), Page: page.Request{Page: n, Size: 20}})
	if err != nil {
		return err
	}
	savedFlash(c, p)
	p.Data = map[string]any{"Rows": es.Items, "Form": form, "V": vocabs, "Writer": s.can(c, auth.WriteJobs),
		"Pagination": web.NewPagination(es.Total, n, 20, listLink(c, "/employers", "countyCode"))}
	return s.render(c, status, "employers", p)
}

func (s *Server) employerSubmit(c *fiber.Ctx) error {
	f := readForm(c)
	county := f.get("countyCode")
	if caller, ok := auth.CallerFrom(c.UserContext()); ok && county == "" {
		county = caller.CountyCode
	}
	_, err := s.Svc.Jobs.CreateEmployer(c.UserContext(), job.Employer{Name: f.get("name"), CreditCode: f.get("creditCode"),
		Kind: f.get("kind"), CountyCode: county, Address: f.get("address"), ContactName: f.get("contactName"), ContactPhone: f.get("contactPhone")})
	if err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		return s.renderEmployers(c, status, errs, msg, f.One)
	}
	return c.Redirect("/employers?saved=1", fiber.StatusSeeOther)
}

func (s *Server) positionsPage(c *fiber.Ctx) error {
	return s.renderPositions(c, fiber.StatusOK, nil, "", map[string]string{})
}

func (s *Server) renderPositions(c *fiber.Ctx, status int, errs web.FieldErrors, msg string, form map[string]string) error {
	p := s.page(c, "岗位", "/positions")
	p.Errors, p.FormError = errs, msg
	n := pageNumber(c)
	q := app.PositionQuery{CountyCode: c.Query("countyCode"), EmployerID: c.Query("employerId"), Status: c.Query("status"),
		Channel: labor.Channel(c.Query("channel")), Page: page.Request{Page: n, Size: 20}}
	ps, err := s.Svc.Jobs.ListPositions(c.UserContext(), q)
	if err := s.listFailed(p, err); err != nil {
		return err
	}
	var employers []job.Employer
	if s.can(c, auth.WriteJobs) {
		es, err := s.Svc.Jobs.ListEmployers(c.UserContext(), app.EmployerQuery{Page: page.Request{Page: 1, Size: page.MaxSize}})
		if err != nil {
			return err
		}
		employers = es.Items
	}
	savedFlash(c, p)
	p.Data = map[string]any{"Rows": ps.Items, "Form": form, "V": vocabs, "Writer": s.can(c, auth.WriteJobs), "Employers": employers,
		"F":          map[string]string{"status": q.Status, "channel": string(q.Channel)},
		"Pagination": web.NewPagination(ps.Total, n, 20, listLink(c, "/positions", "status", "channel", "employerId", "countyCode"))}
	return s.render(c, status, "positions", p)
}

func (s *Server) positionSubmit(c *fiber.Ctx) error {
	f := readForm(c)
	pos := job.Position{EmployerID: f.get("employerId"), Title: f.get("title"), Channel: labor.Channel(f.get("channel")),
		Openings: f.int("openings"), MonthlyWage: f.int("monthlyWage"), MinLaborCapacity: labor.Capacity(f.get("minLaborCapacity")),
		AgeMin: f.int("ageMin"), AgeMax: f.int("ageMax"), Skills: f.list("skills"), FullTime: f.bool("fullTime")}
	if e, err := s.Svc.Jobs.GetEmployer(c.UserContext(), pos.EmployerID); err == nil {
		pos.Location = job.Location{CountyCode: e.CountyCode, TownshipCode: e.TownshipCode}
	}
	created, err := s.Svc.Jobs.CreatePosition(c.UserContext(), pos)
	if err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		return s.renderPositions(c, status, errs, msg, f.One)
	}
	return c.Redirect("/positions/"+created.ID+"?saved=1", fiber.StatusSeeOther)
}

func (s *Server) positionPage(c *fiber.Ctx) error {
	return s.renderPosition(c, fiber.StatusOK, nil, "")
}

func (s *Server) renderPosition(c *fiber.Ctx, status int, errs web.FieldErrors, msg string) error {
	ctx := c.UserContext()
	pos, err := s.Svc.Jobs.GetPosition(ctx, c.Params("id"))
	if err != nil {
		return err
	}
	cands, err := s.Svc.Matching.Candidates(ctx, pos.ID, 20)
	if err != nil {
		return err
	}
	p := s.page(c, "岗位 "+pos.Title, "/positions")
	p.Errors, p.FormError = errs, msg
	switch {
	case c.Query("hired") != "":
		p.Flash = &web.Flash{Kind: "success", Message: "已录用 " + c.Query("hired") + ",就业记录已登记。"}
	case c.Query("saved") != "":
		p.Flash = &web.Flash{Kind: "success", Message: "已保存。"}
	}
	p.Data = map[string]any{"P": &pos, "Cands": cands, "Writer": s.can(c, auth.WriteJobs) && pos.Remaining() > 0, "Editor": s.can(c, auth.WriteJobs),
		"Today": s.Svc.Now().Format("2006-01-02")}
	return s.render(c, status, "position", p)
}

// positionUpdateSubmit changes a position's openings and wage, or closes or reopens it, at the
// version the page was loaded at (a conflict says someone else changed it first).
func (s *Server) positionUpdateSubmit(c *fiber.Ctx) error {
	f := readForm(c)
	pp := app.PositionPatch{Version: f.int("version")}
	if v := f.get("openings"); v != "" {
		n := f.int("openings")
		pp.Openings = &n
	}
	if v := f.get("monthlyWage"); v != "" {
		n := f.int("monthlyWage")
		pp.MonthlyWage = &n
	}
	if v := f.get("status"); v != "" {
		pp.Status = &v
	}
	if _, err := s.Svc.Jobs.UpdatePosition(c.UserContext(), c.Params("id"), pp); err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		if status == fiber.StatusConflict {
			msg = "保存失败:其他人已先修改了此岗位(或有人刚被录用),下方已是最新内容,请核对后重试。"
		}
		return s.renderPosition(c, status, errs, msg)
	}
	return c.Redirect("/positions/"+c.Params("id")+"?saved=1", fiber.StatusSeeOther)
}

// hireSubmit places a candidate into the position (录用) through Jobs.Hire, like POST /placements.
func (s *Server) hireSubmit(c *fiber.Ctx) error {
	f := readForm(c)
	pos, err := s.Svc.Jobs.GetPosition(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	start := f.get("startDate")
	if start == "" {
		start = s.Svc.Now().Format("2006-01-02")
	}
	pl, err := s.Svc.Jobs.Hire(c.UserContext(), app.HireRequest{MemberID: f.get("memberId"), PositionID: pos.ID,
		StartDate: parseDate(start), MonthlyIncome: pos.MonthlyWage})
	if err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		if len(errs) > 0 {
			var parts []string
			for _, m := range errs {
				parts = append(parts, m)
			}
			msg = "录用失败:" + strings.Join(parts, ";")
		}
		return s.renderPosition(c, status, nil, msg)
	}
	return c.Redirect("/positions/"+pos.ID+"?hired="+url.QueryEscape(pl.MemberName), fiber.StatusSeeOther)
}

// ---------- placements ----------

func (s *Server) placementsPage(c *fiber.Ctx) error {
	return s.renderPlacements(c, fiber.StatusOK, nil, "", "")
}

func (s *Server) renderPlacements(c *fiber.Ctx, status int, errs web.FieldErrors, msg, failedID string) error {
	p := s.page(c, "就业记录", "/placements")
	p.Errors, p.FormError = errs, msg
	n := pageNumber(c)
	q := app.PlacementQuery{SiteID: c.Query("siteId"), Status: c.Query("status"), Channel: c.Query("channel"), Page: page.Request{Page: n, Size: 20}}
	pl, err := s.Svc.Jobs.ListPlacements(c.UserContext(), q)
	if err := s.listFailed(p, err); err != nil {
		return err
	}
	sites, err := s.visibleSites(c)
	if err != nil {
		return err
	}
	savedFlash(c, p)
	p.Data = map[string]any{"Rows": placementRows(pl.Items), "Sites": sites, "SiteNames": siteNames(sites), "V": vocabs,
		"Writer": s.can(c, auth.WriteJobs), "Failed": failedID, "Today": s.Svc.Now().Format("2006-01-02"),
		"F":          map[string]string{"siteId": q.SiteID, "status": q.Status, "channel": q.Channel},
		"Pagination": web.NewPagination(pl.Total, n, 20, listLink(c, "/placements", "siteId", "status", "channel"))}
	return s.render(c, status, "placements", p)
}

func (s *Server) placementEndSubmit(c *fiber.Ctx) error {
	f := readForm(c)
	_, err := s.Svc.Jobs.EndPlacement(c.UserContext(), c.Params("id"), job.EndInput{Version: f.int("version"),
		EndDate: parseDate(f.get("endDate")), Reason: f.get("reason"), Note: f.get("note")})
	return s.placementDone(c, err)
}

func (s *Server) followUpSubmit(c *fiber.Ctx) error {
	f := readForm(c)
	in := app.FollowUpRequest{Date: parseDate(f.get("date")), Income: f.int("income"), Note: f.get("note")}
	switch f.get("stillWorking") {
	case "yes":
		t := true
		in.StillWorking = &t
	case "no":
		no := false
		in.StillWorking = &no
	}
	_, err := s.Svc.Jobs.AddFollowUp(c.UserContext(), c.Params("id"), in)
	return s.placementDone(c, err)
}

func (s *Server) placementDone(c *fiber.Ctx, err error) error {
	if err == nil {
		return c.Redirect("/placements?saved=1", fiber.StatusSeeOther)
	}
	errs, msg, status, ok := formError(err)
	if !ok {
		return err
	}
	return s.renderPlacements(c, status, errs, msg, c.Params("id"))
}

// employerPage shows an employer with a form to change it.
func (s *Server) employerPage(c *fiber.Ctx) error {
	e, err := s.Svc.Jobs.GetEmployer(c.UserContext(), c.Params("id"))
	if err != nil {
		return err
	}
	form := map[string]string{"name": e.Name, "address": e.Address, "contactName": e.ContactName, "contactPhone": e.ContactPhone, "kind": e.Kind}
	return s.renderEmployer(c, fiber.StatusOK, e, nil, "", form)
}

func (s *Server) renderEmployer(c *fiber.Ctx, status int, e job.Employer, errs web.FieldErrors, msg string, form map[string]string) error {
	p := s.page(c, "用人单位", "/employers")
	p.Errors, p.FormError = errs, msg
	savedFlash(c, p)
	p.Data = map[string]any{"E": e, "Form": form, "V": vocabs, "Writer": s.can(c, auth.WriteJobs)}
	return s.render(c, status, "employer", p)
}

// employerUpdateSubmit saves an employer's changes with the version read (a conflict says someone
// saved first).
func (s *Server) employerUpdateSubmit(c *fiber.Ctx) error {
	f := readForm(c)
	name, kind, addr, contact, phone := f.get("name"), f.get("kind"), f.get("address"), f.get("contactName"), f.get("contactPhone")
	e, err := s.Svc.Jobs.UpdateEmployer(c.UserContext(), c.Params("id"), app.EmployerPatch{Version: f.int("version"), Name: &name,
		Kind: &kind, Address: &addr, ContactName: &contact, ContactPhone: &phone})
	if err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		cur, gerr := s.Svc.Jobs.GetEmployer(c.UserContext(), c.Params("id"))
		if gerr != nil {
			return gerr
		}
		return s.renderEmployer(c, status, cur, errs, msg, f.One)
	}
	return c.Redirect("/employers/"+e.ID+"?saved=1", fiber.StatusSeeOther)
}
