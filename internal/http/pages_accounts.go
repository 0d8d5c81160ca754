package http

import (
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/web"
)

// static serves a file of web.FS: hashed names are cached for a year, plain names revalidate with
// the strong ETag; gzip when the client takes it.
func (s *Server) static(c *fiber.Ctx) error {
	a, immutable, ok := web.LookupAsset(c.Path())
	if !ok {
		return apperr.New(apperr.NotFound, "文件不存在")
	}
	if immutable {
		c.Set(fiber.HeaderCacheControl, "public, max-age=31536000, immutable")
	} else {
		c.Set(fiber.HeaderCacheControl, "no-cache")
	}
	c.Set(fiber.HeaderETag, a.ETag)
	c.Set(fiber.HeaderContentType, a.ContentType)
	c.Set(fiber.HeaderVary, fiber.HeaderAcceptEncoding)
	if c.Get(fiber.HeaderIfNoneMatch) == a.ETag {
		return c.SendStatus(fiber.StatusNotModified)
	}
	if gz := a.Gzip(); gz != nil && strings.Contains(c.Get(fiber.HeaderAcceptEncoding), "gzip") {
		c.Set(fiber.HeaderContentEncoding, "gzip")
		return c.Send(gz)
	}
	return c.Send(a.Data)
}

type loginForm struct {
	Username, Next string
}

// loginPage shows 登录; a valid session goes straight on. The form's CSRF token is bound to a random
// login cookie, since there is no session yet.
func (s *Server) loginPage(c *fiber.Ctx) error {
	if tok := c.Cookies(sessionCookie); tok != "" {
		if _, err := s.Svc.Accounts.Authenticate(c.UserContext(), tok); err == nil {
			return c.Redirect(localPath(c.Query("next")), fiber.StatusSeeOther)
		}
	}
	return s.renderLogin(c, fiber.StatusOK, loginForm{Next: c.Query("next")}, "", nil)
}

func (s *Server) renderLogin(c *fiber.Ctx, status int, f loginForm, msg string, errs web.FieldErrors) error {
	id := c.Cookies(loginCookie)
	if id == "" || len(id) > 100 {
		id = auth.NewToken()
		c.Cookie(&fiber.Cookie{Name: loginCookie, Value: id, Path: "/login", HTTPOnly: true,
			SameSite: fiber.CookieSameSiteStrictMode, Secure: c.Protocol() == "https"})
	}
	if f.Next != "" {
		f.Next = localPath(f.Next)
	}
	p := &web.Page{Title: "登录", CSRFToken: s.csrfFor("login", id), FormError: msg, Errors: errs, Data: f}
	return s.render(c, status, "login", p)
}

func (s *Server) loginSubmit(c *fiber.Ctx) error {
	f := loginForm{Username: c.FormValue("username"), Next: c.FormValue("next")}
	id := c.Cookies(loginCookie)
	if id == "" || !s.csrfOK(c, s.csrfFor("login", id)) {
		return s.renderLogin(c, fiber.StatusForbidden, f, "页面已过期,请重新输入后登录", nil)
	}
	token, _, err := s.Svc.Accounts.Login(c.UserContext(), f.Username, c.FormValue("password"), s.clientIP(c))
	if err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			if !apperr.Is(err, apperr.Unauthenticated) {
				return err
			}
			msg, status = apperr.As(err).Message, fiber.StatusUnauthorized
		}
		return s.renderLogin(c, status, f, msg, errs)
	}
	s.setSession(c, token)
	s.clearCookie(c, loginCookie)
	next := "/"
	if f.Next != "" {
		next = localPath(f.Next)
	}
	return c.Redirect(next, fiber.StatusSeeOther)
}

// logoutSubmit revokes the session (the same store as bearer tokens) and clears the cookie.
func (s *Server) logoutSubmit(c *fiber.Ctx) error {
	if err := s.Svc.Accounts.Logout(c.UserContext()); err != nil {
		return err
	}
	s.clearCookie(c, sessionCookie)
	return c.Redirect("/login", fiber.StatusSeeOther)
}

func (s *Server) passwordPage(c *fiber.Ctx) error {
	return s.render(c, fiber.StatusOK, "password", s.page(c, "修改密码", "/password"))
}

// passwordSubmit changes the caller's password; every session is revoked and a new one set.
func (s *Server) passwordSubmit(c *fiber.Ctx) error {
	p := s.page(c, "修改密码", "/password")
	if c.FormValue("newPassword") != c.FormValue("confirmPassword") {
		p.Errors = web.FieldErrors{"confirmPassword": "两次输入的新密码不一致"}
		p.FormError = "有 1 处需要修改,请查看标出的字段。"
		return s.render(c, fiber.StatusUnprocessableEntity, "password", p)
	}
	token, err := s.Svc.Accounts.ChangePassword(c.UserContext(), c.FormValue("oldPassword"), c.FormValue("newPassword"))
	if err != nil {
		errs, msg, status, ok := formError(err)
		if !ok {
			return err
		}
		p.Errors, p.FormError = errs, msg
		return s.render(c, status, "password", p)
	}
	s.setSession(c, token)
	caller, _ := s.Svc.Accounts.Authenticate(c.UserContext(), token)
	c.SetUserContext(auth.WithCaller(c.UserContext(), caller))
	p = s.page(c, "修改密码", "/password")
	p.Flash = &web.Flash{Kind: "success", Message: "密码已修改,其他设备上的登录已全部退出。"}
	return s.render(c, fiber.StatusOK, "password", p)
}
