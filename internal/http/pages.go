package http

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/compress"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/division"
	"github.com/anju-cn/anju/web"
)

// Cookie names. The session cookie holds the same revocable token as a bearer token; the login
// cookie holds a random value that the login form's CSRF token is bound to (there is no session yet).
const (
	sessionCookie = "anju_session"
	loginCookie   = "anju_login"
)

// pages is the state of the page tree: the parsed templates and the per-process CSRF key.
type pages struct {
	tmpl    *web.Templates
	csrfKey []byte
	gzip    fiber.Handler // compresses pages for clients that accept it
}

func newPages() pages {
	t, err := web.ParseTemplates()
	if err != nil {
		panic(err) // the templates are embedded: a parse error is a build defect any test finds
	}
	key := make([]byte, 32)
	_, _ = rand.Read(key)
	return pages{tmpl: t, csrfKey: key, gzip: compress.New(compress.Config{Level: compress.LevelBestSpeed})}
}

// csrfFor is the CSRF token of a session (or of the login cookie's value): an HMAC under the
// process's key, so it needs no storage and dies with the session.
func (s *Server) csrfFor(kind, id string) string {
	m := hmac.New(sha256.New, s.pages.csrfKey)
	m.Write([]byte(kind + ":" + id))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func (s *Server) csrfOK(c *fiber.Ctx, want string) bool {
	got := c.Get("X-CSRF-Token")
	if got == "" {
		got = c.FormValue("_csrf")
	}
	return got != "" && hmac.Equal([]byte(got), []byte(want))
}

// handlePage registers a page route with the permission it needs, in the same table as the API
// routes. The session middleware runs first: no valid session redirects to 登录, a missing
// permission renders the 403 page, and a state-changing request without the session's CSRF token
// is refused. Errors h returns are rendered as the error page (or as the form, by h itself).
func (s *Server) handlePage(method, path string, perm auth.Permission, summary string, h fiber.Handler) {
	s.routes = append(s.routes, Route{Method: method, Path: path, Permission: perm, Summary: summary, Page: true})
	s.Fiber.Add(method, path, s.pages.gzip, s.session(perm), func(c *fiber.Ctx) error {
		if err := h(c); err != nil {
			return s.pageError(c, err)
		}
		return nil
	})
}

func stateChanging(method string) bool {
	return method != fiber.MethodGet && method != fiber.MethodHead && method != fiber.MethodOptions
}

// session resolves the session cookie into the caller and checks the permission and CSRF token.
func (s *Server) session(perm auth.Permission) fiber.Handler {
	return func(c *fiber.Ctx) error {
		c.Set("Content-Security-Policy", web.CSP)
		c.Set("Cache-Control", "no-store")
		if perm == auth.Public {
			return c.Next()
		}
		token := c.Cookies(sessionCookie)
		if token == "" {
			return s.toLogin(c)
		}
		caller, err := s.Svc.Accounts.Authenticate(c.UserContext(), token)
		if err != nil {
			if apperr.Is(err, apperr.Unauthenticated) {
				return s.toLogin(c)
			}
			return s.pageError(c, err)
		}
		c.SetUserContext(auth.WithCaller(c.UserContext(), caller))
		if !caller.Role.Allows(perm) {
			return s.pageError(c, apperr.New(apperr.Forbidden, "当前账号无权访问此页面"))
		}
		if stateChanging(c.Method()) && !s.csrfOK(c, s.csrfFor("session", caller.SessionID)) {
			s.Log.Warn("csrf token missing or wrong", "path", c.Path(), "user", caller.Username)
			return s.pageError(c, apperr.New(apperr.Forbidden, "页面已过期或请求来源无法确认(CSRF校验失败),请刷新页面后重试"))
		}
		return c.Next()
	}
}

// toLogin sends a signed-out browser to 登录, remembering where it wanted to go (GET only).
func (s *Server) toLogin(c *fiber.Ctx) error {
	target := "/login"
	if c.Method() == fiber.MethodGet && c.Path() != "/" {
		target += "?next=" + url.QueryEscape(c.OriginalURL())
	}
	if c.Get("HX-Request") != "" {
		c.Set("HX-Redirect", target)
		return c.SendStatus(fiber.StatusUnauthorized)
	}
	return c.Redirect(target, fiber.StatusSeeOther)
}

// localPath accepts only a path on this site (no scheme, no host, no "//"), for ?next=.
func localPath(p string) string {
	if !strings.HasPrefix(p, "/") || strings.HasPrefix(p, "//") || strings.ContainsAny(p, "\\\r\n") {
		return "/"
	}
	return p
}

// setSession stores the token in an HttpOnly, SameSite=Lax cookie, Secure over TLS.
func (s *Server) setSession(c *fiber.Ctx, token string) {
	c.Cookie(&fiber.Cookie{Name: sessionCookie, Value: token, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: c.Protocol() == "https", Expires: time.Now().Add(s.Svc.Accounts.TokenTTL)})
}

func (s *Server) clearCookie(c *fiber.Ctx, name string) {
	c.Cookie(&fiber.Cookie{Name: name, Value: "", Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: c.Protocol() == "https", Expires: time.Unix(0, 0), MaxAge: -1})
}

// page is the shell of a page for the caller: title, user line, menu (active item marked) and the
// session's CSRF token.
func (s *Server) page(c *fiber.Ctx, title, active string) *web.Page {
	p := &web.Page{Title: title}
	caller, ok := auth.CallerFrom(c.UserContext())
	if !ok {
		return p
	}
	p.CSRFToken = s.csrfFor("session", caller.SessionID)
	p.User = &web.User{Name: caller.Username, Role: caller.Role.Label()}
	if u, err := s.Svc.Accounts.Me(c.UserContext()); err == nil && u.DisplayName != "" {
		p.User.Name = u.DisplayName
	}
	switch {
	case caller.Role == auth.Site:
		var names []string
		for _, id := range caller.SiteIDs {
			if st, err := s.Svc.Registration.GetSite(c.UserContext(), id); err == nil {
				names = append(names, st.Name)
			}
		}
		p.User.Scope = strings.Join(names, "、")
	case caller.CountyCode != "":
		p.User.Scope = caller.CountyCode
		if d, ok := division.Lookup(caller.CountyCode); ok {
			p.User.Scope = d.Name
		}
	}
	p.Menu = menuFor(caller.Role, active)
	return p
}

// menuItem is a menu entry and the permission its page needs.
type menuItem struct {
	web.MenuItem
	perm auth.Permission
}

var menu = []menuItem{
	{web.MenuItem{Label: "工作台", Href: "/"}, auth.ReadHouseholds},
	{web.MenuItem{Section: "登记管理", Label: "搬迁户", Href: "/households"}, auth.ReadHouseholds},
	{web.MenuItem{Section: "登记管理", Label: "入住登记", Href: "/households/new"}, auth.WriteHousehold},
	{web.MenuItem{Section: "登记管理", Label: "花名册导入", Href: "/imports"}, auth.WriteHousehold},
	{web.MenuItem{Section: "就业服务", Label: "劳动力", Href: "/workers"}, auth.ReadJobs},
	{web.MenuItem{Section: "就业服务", Label: "用人单位", Href: "/employers"}, auth.ReadJobs},
	{web.MenuItem{Section: "就业服务", Label: "岗位", Href: "/positions"}, auth.ReadJobs},
	{web.MenuItem{Section: "就业服务", Label: "人岗匹配", Href: "/matching"}, auth.ReadJobs},
	{web.MenuItem{Section: "就业服务", Label: "就业记录", Href: "/placements"}, auth.ReadJobs},
	{web.MenuItem{Section: "统计报表", Label: "统计报表", Href: "/reports"}, auth.ReadHouseholds},
	{web.MenuItem{Section: "统计报表", Label: "数据质量", Href: "/quality"}, auth.ReadHouseholds},
	{web.MenuItem{Section: "系统管理", Label: "审计记录", Href: "/audit"}, auth.ReadAudit},
	{web.MenuItem{Section: "系统管理", Label: "用户管理", Href: "/users"}, auth.ManageUsers},
	{web.MenuItem{Section: "系统管理", Label: "修改密码", Href: "/password"}, auth.Authenticated},
}

// menuFor is the menu of a role: only the pages its permissions open.
func menuFor(r auth.Role, active string) []web.MenuItem {
	var out []web.MenuItem
	for _, m := range menu {
		if r.Allows(m.perm) {
			it := m.MenuItem
			it.Active = it.Href == active
			out = append(out, it)
		}
	}
	return out
}

// render writes a page with a status; an htmx request for a block gets only that block.
func (s *Server) render(c *fiber.Ctx, status int, name string, p *web.Page) error {
	c.Status(status)
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	c.Set("Content-Security-Policy", web.CSP)
	c.Set("Cache-Control", "no-store")
	if c.Get("HX-Request") != "" && c.Get("HX-Boosted") == "" && c.Get("HX-Target") == "main" {
		return s.pages.tmpl.RenderBlock(c, name, "content", p)
	}
	return s.pages.tmpl.Render(c, name, p)
}

// renderBlock writes one block of a page (a fragment that htmx fetches after the page has loaded).
func (s *Server) renderBlock(c *fiber.Ctx, name, block string, p *web.Page) error {
	c.Set(fiber.HeaderContentType, fiber.MIMETextHTMLCharsetUTF8)
	return s.pages.tmpl.RenderBlock(c, name, block, p)
}

// pageError renders an error as the error page: 403 for forbidden (the page exists, this account may
// not see it), 404, 409/422 as a message, 500 as 内部错误 (logged once). Unauthenticated goes to 登录.
func (s *Server) pageError(c *fiber.Ctx, err error) error {
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		var fe *fiber.Error
		if errors.As(err, &fe) {
			ae = fiberError(fe)
		} else {
			ae = &apperr.Error{Code: apperr.Internal, Message: "内部错误", Err: err}
		}
	}
	if ae.Code == apperr.Unauthenticated {
		return s.toLogin(c)
	}
	status, ok := statusOf[ae.Code]
	if !ok {
		status = fiber.StatusInternalServerError
	}
	msg := ae.Message
	if status == fiber.StatusInternalServerError {
		s.Log.Error("page failed", "method", c.Method(), "path", c.Path(), "err", err)
		msg = "内部错误"
	}
	title := map[int]string{403: "没有权限", 404: "页面不存在", 500: "内部错误", 429: "操作过于频繁"}[status]
	if title == "" {
		title = "操作未完成"
	}
	p := s.page(c, title, "")
	for _, f := range ae.Fields {
		msg += ";" + f.Message
	}
	p.Data = map[string]any{"Status": status, "Message": msg}
	c.Response().Header.Del("HX-Redirect")
	if c.Get("HX-Request") != "" {
		c.Set("HX-Retarget", "#main")
	}
	if rerr := s.render(c, status, "error", p); rerr != nil {
		s.Log.Error("render error page", "err", rerr)
		return c.Status(status).SendString(msg)
	}
	return nil
}

// formError splits a service error into what a re-displayed form shows: field errors keyed by path,
// a form-level message and the status (422, or 409 for a conflict). ok is false for other errors
// (forbidden, not found, internal), which the caller returns as they are.
func formError(err error) (errs web.FieldErrors, msg string, status int, ok bool) {
	var ae *apperr.Error
	if !errors.As(err, &ae) {
		return nil, "", 0, false
	}
	switch ae.Code {
	case apperr.Invalid, apperr.Malformed:
		status = fiber.StatusUnprocessableEntity
	case apperr.Conflict:
		status = fiber.StatusConflict
	case apperr.RateLimited:
		status = fiber.StatusTooManyRequests
	default:
		return nil, "", 0, false
	}
	errs = web.FieldErrors{}
	for _, f := range ae.Fields {
		if _, dup := errs[f.Field]; !dup {
			errs[f.Field] = f.Message
		}
	}
	msg = ae.Message
	if len(ae.Fields) > 0 {
		msg = "有 " + strconv.Itoa(len(errs)) + " 处需要修改,请查看标出的字段。"
	}
	return errs, msg, status, true
}

// can reports whether the caller holds a permission (to show or hide buttons; the routes check again).
func (s *Server) can(c *fiber.Ctx, p auth.Permission) bool {
	caller, ok := auth.CallerFrom(c.UserContext())
	return ok && caller.Role.Allows(p)
}
