package http

import (
	"fmt"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/page"
	"github.com/anju-cn/anju/web"
)

func ageOf(birth, now time.Time) int {
	if birth.IsZero() {
		return 0
	}
	a := now.Year() - birth.Year()
	if now.YearDay() < birth.YearDay() {
		a--
	}
	return a
}

// ---------- matching ----------

// matchingPage runs a plan for a site or the county when asked (?siteId= or ?scope=county); it
// writes nothing. The rows come ticked; 应用 posts the ticked ones.
func (s *Server) matchingPage(c *fiber.Ctx) error {
	return s.renderMatching(c, fiber.StatusOK, nil, "")
}

// applyResult is the outcome of one applied row, shown on that row.
type applyResult struct {
	Member, Position string
	OK               bool
	Error            string
}

func (s *Server) renderMatching(c *fiber.Ctx, status int, results []applyResult, msg string) error {
	ctx := c.UserContext()
	p := s.page(c, "人岗匹配", "/matching")
	p.FormError = msg
	sites, err := s.visibleSites(c)
	if err != nil {
		return err
	}
	siteID, scope := c.Query("siteId"), c.Query("scope")
	if c.Method() == fiber.MethodPost {
		siteID, scope = c.FormValue("siteId"), c.FormValue("scope")
	}
	d := map[string]any{"Sites": sites, "SiteID": siteID, "Scope": scope, "Results": results, "Writer": s.can(c, auth.WriteJobs),
		"Today": s.Svc.Now().Format("2006-01-02"), "County": s.can(c, auth.ReadAudit) || s.isCountyWide(c)}
	if siteID != "" || scope == "county" {
		county := ""
		if siteID == "" {
			caller, _ := auth.CallerFrom(ctx)
			county = caller.CountyCode
			if county == "" && len(sites) > 0 {
				county = sites[0].CountyCode
			}
		}
		plan, err := s.Svc.Matching.Plan(ctx, app.PlanQuery{SiteID: siteID, CountyCode: county})
		if err != nil {
			if err := s.listFailed(p, err); err != nil {
				return err
			}
		} else {
			d["Plan"] = plan
		}
	}
	p.Data = d
	return s.render(c, status, "matching", p)
}

func (s *Server) isCountyWide(c *fiber.Ctx) bool {
	caller, ok := auth.CallerFrom(c.UserContext())
	return ok && caller.Role != auth.Site
}

// matchingApply places the ticked rows ("row" values "memberId|positionId") through the normal
// placement path; each failure is reported on its row, the others still apply.
func (s *Server) matchingApply(c *fiber.Ctx) error {
	f := readForm(c)
	var rows []app.ApplyRow
	for _, v := range f.Multi["row"] {
		var r app.ApplyRow
		for i := 0; i < len(v); i++ {
			if v[i] == '|' {
				r = app.ApplyRow{MemberID: v[:i], PositionID: v[i+1:]}
			}
		}
		rows = append(rows, r)
	}
	start := f.get("startDate")
	if start == "" {
		start = s.Svc.Now().Format("2006-01-02")
	}
	out, err := s.Svc.Matching.ApplyPlan(c.UserContext(), rows, parseDate(start))
	if err != nil {
		_, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		return s.renderMatching(c, status, nil, msg)
	}
	var results []applyResult
	placed := 0
	for _, o := range out {
		r := applyResult{Member: o.Row.MemberID, Position: o.Row.PositionID, OK: o.Error == "", Error: o.Error}
		if m, err := s.Svc.Registration.GetMember(c.UserContext(), o.Row.MemberID); err == nil {
			r.Member = m.Name + "(" + m.HouseholdNumber + ")"
		}
		if p, err := s.Svc.Jobs.GetPosition(c.UserContext(), o.Row.PositionID); err == nil {
			r.Position = p.EmployerName + " · " + p.Title
		}
		results = append(results, r)
		if r.OK {
			placed++
		}
	}
	status := fiber.StatusOK
	msg := ""
	if placed < len(out) {
		msg = fmt.Sprintf("已登记 %d 行,%d 行未能登记,原因见各行。", placed, len(out)-placed)
	}
	if placed > 0 {
		msg = fmt.Sprintf("已登记就业 %d 人。", placed) + msg
	}
	return s.renderMatching(c, status, results, msg)
}

// ---------- reports ----------

func (s *Server) reportsPage(c *fiber.Ctx) error {
	p := s.page(c, "统计报表", "/reports")
	asOf := c.Query("asOf")
	rep, err := s.Svc.Stats.Report(c.UserContext(), app.StatsQuery{SiteID: c.Query("siteId"), AsOf: parseDate(asOf)})
	if err != nil {
		if err := s.listFailed(p, err); err != nil {
			return err
		}
		rep, _ = s.Svc.Stats.Report(c.UserContext(), app.StatsQuery{SiteID: c.Query("siteId")})
	}
	if asOf == "" || p.FormError != "" && asOf != "" {
		asOf = fmtDate(rep.AsOf)
	}
	sites, err := s.visibleSites(c)
	if err != nil {
		return err
	}
	p.Data = map[string]any{"Report": rep, "AsOf": asOf, "Sites": sites, "SiteID": c.Query("siteId")}
	return s.render(c, fiber.StatusOK, "reports", p)
}

func (s *Server) qualityPage(c *fiber.Ctx) error {
	p := s.page(c, "数据质量", "/quality")
	n := pageNumber(c)
	is, err := s.Svc.Stats.Quality(c.UserContext(), app.QualityQuery{SiteID: c.Query("siteId"), Page: page.Request{Page: n, Size: 50}})
	if err := s.listFailed(p, err); err != nil {
		return err
	}
	p.Data = map[string]any{"Rows": is.Items, "Pagination": web.NewPagination(is.Total, n, 50, listLink(c, "/quality", "siteId"))}
	return s.render(c, fiber.StatusOK, "quality", p)
}

func (s *Server) auditPage(c *fiber.Ctx) error {
	p := s.page(c, "审计记录", "/audit")
	n := pageNumber(c)
	es, err := s.Svc.Audit.ListAudit(c.UserContext(), audit.Filter{Entity: c.Query("entity"), EntityID: c.Query("entityId"), CountyCode: c.Query("countyCode"), Page: page.Request{Page: n, Size: 50}})
	if err != nil {
		return err
	}
	p.Data = map[string]any{"Rows": es.Items, "Entity": c.Query("entity"),
		"Pagination": web.NewPagination(es.Total, n, 50, listLink(c, "/audit", "entity", "entityId"))}
	return s.render(c, fiber.StatusOK, "audit", p)
}

func (s *Server) usersPage(c *fiber.Ctx) error {
	return s.renderUsers(c, fiber.StatusOK, nil, "", map[string]string{})
}

func (s *Server) renderUsers(c *fiber.Ctx, status int, errs web.FieldErrors, msg string, form map[string]string) error {
	p := s.page(c, "用户管理", "/users")
	p.Errors, p.FormError = errs, msg
	n := pageNumber(c)
	us, err := s.Svc.Accounts.ListUsers(c.UserContext(), page.Request{Page: n, Size: 50})
	if err != nil {
		return err
	}
	sites, err := s.visibleSites(c)
	if err != nil {
		return err
	}
	savedFlash(c, p)
	p.Data = map[string]any{"Rows": us.Items, "Form": form, "Roles": auth.Roles, "Sites": sites, "SiteNames": siteNames(sites),
		"Pagination": web.NewPagination(us.Total, n, 50, listLink(c, "/users"))}
	return s.render(c, status, "users", p)
}

// userUpdateSubmit disables or enables an account, or resets its password (the account's sessions end).
func (s *Server) userUpdateSubmit(c *fiber.Ctx) error {
	f := readForm(c)
	p := auth.UserPatch{Version: f.int("version")}
	switch f.get("action") {
	case "disable", "enable":
		d := f.get("action") == "disable"
		p.Disabled = &d
	case "password":
		pw := f.get("password")
		p.Password = &pw
	case "scope": // role, county and site: the same checks as the API's account change
		role, county := auth.Role(f.get("role")), f.get("countyCode")
		sites := []string{}
		if v := f.get("siteId"); v != "" {
			sites = []string{v}
		}
		p.Role, p.CountyCode, p.SiteIDs = &role, &county, &sites
	}
	if _, err := s.Svc.Accounts.UpdateUser(c.UserContext(), c.Params("id"), p); err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		for k, v := range errs {
			msg += ";" + v
			delete(errs, k)
		}
		return s.renderUsers(c, status, errs, msg, map[string]string{})
	}
	return c.Redirect("/users?saved=1", fiber.StatusSeeOther)
}

func (s *Server) userSubmit(c *fiber.Ctx) error {
	f := readForm(c)
	var siteIDs []string
	if v := f.get("siteId"); v != "" {
		siteIDs = []string{v}
	}
	_, err := s.Svc.Accounts.CreateUser(c.UserContext(), app.NewUser{Username: f.get("username"), DisplayName: f.get("displayName"),
		Password: f.get("password"), Role: auth.Role(f.get("role")), CountyCode: f.get("countyCode"), SiteIDs: siteIDs})
	if err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		delete(f.One, "password")
		return s.renderUsers(c, status, errs, msg, f.One)
	}
	return c.Redirect("/users?saved=1", fiber.StatusSeeOther)
}
