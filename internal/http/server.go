// Package http is the only package that imports Fiber: routes, request and response shapes, the
// authentication middleware and the one table that maps error codes to statuses. Every route is
// registered with the permission it needs; a route cannot be added without one.
package http

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
)

// MaxBody is the largest request body accepted, in bytes (1 MiB); larger bodies get 413. Roster
// uploads alone may be larger (MaxUpload).
const MaxBody = 1 << 20

// ReadBuffer is the most a request line and headers may take together, in bytes (8 KiB); a longer
// request (say a URL of 10,000 characters) gets 431.
const ReadBuffer = 8 << 10

// Server serves the HTTP API.
type Server struct {
	Svc   *app.Services
	Fiber *fiber.App
	Log   *slog.Logger
	// CORSOrigins lists the origins allowed to call the API from a browser; empty closes CORS.
	CORSOrigins []string
	routes      []Route
	trusted     map[string]bool // reverse proxies whose X-Forwarded-For is believed
}

// Route is one registered route and the permission it requires.
type Route struct {
	Method, Path string
	Permission   auth.Permission
	Summary      string
	// Query names the query parameters the route accepts (from queryParams); any other is
	// refused with 422.
	Query []string
}

// Options are the server's settings.
type Options struct {
	CORSOrigins []string // browser origins allowed to call the API; empty closes CORS
	// TrustedProxies are the addresses of reverse proxies whose X-Forwarded-For names the client
	// (for login limits and logs); empty means the connection's address is the client.
	TrustedProxies []string
}

// New builds the server over the services and registers every route.
func New(svc *app.Services, log *slog.Logger, opts Options) *Server {
	s := &Server{Svc: svc, Log: log, CORSOrigins: opts.CORSOrigins}
	cfg := fiber.Config{
		BodyLimit:             MaxUpload,  // bodyLimits holds every route but the upload to MaxBody
		ReadBufferSize:        ReadBuffer, // request line and headers; beyond it fasthttp fails, handleError answers 431
		ReadTimeout:           30 * time.Second,
		WriteTimeout:          60 * time.Second,
		IdleTimeout:           120 * time.Second,
		DisableStartupMessage: true,
		ErrorHandler:          s.handleError,
		AppName:               "anju",
	}
	s.trusted = map[string]bool{}
	for _, p := range opts.TrustedProxies {
		s.trusted[p] = true
	}
	s.Fiber = fiber.New(cfg)
	s.Fiber.Server().HeaderReceived = bodyLimits
	// refuseEncodedBody comes before anything that could read the body.
	s.Fiber.Use(s.accessLog, s.recover, s.refuseEncodedBody, s.securityHeaders, s.cors)
	s.routesV1()
	s.Fiber.Use(s.noRoute)
	return s
}

// Routes returns every registered route with its permission.
func (s *Server) Routes() []Route { return append([]Route(nil), s.routes...) }

// handle registers a route with the permission it needs and the query parameters it accepts
// (queryParams). The authentication middleware runs before h, so h can rely on the caller being
// in the context; then onlyQuery refuses parameters the route does not accept.
func (s *Server) handle(method, path string, perm auth.Permission, summary string, h fiber.Handler) {
	query := queryParams[method+" "+path]
	s.routes = append(s.routes, Route{Method: method, Path: path, Permission: perm, Summary: summary, Query: query})
	s.Fiber.Add(method, path, s.authenticate(perm), onlyQuery(query), h)
}

// authenticate resolves the bearer token into a caller and checks the route's permission.
func (s *Server) authenticate(perm auth.Permission) fiber.Handler {
	return func(c *fiber.Ctx) error {
		if perm == auth.Public {
			return c.Next()
		}
		h := c.Get(fiber.HeaderAuthorization)
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || token == "" {
			return apperr.New(apperr.Unauthenticated, "请先登录")
		}
		caller, err := s.Svc.Accounts.Authenticate(c.UserContext(), strings.TrimSpace(token))
		if err != nil {
			return err
		}
		if !caller.Role.Allows(perm) {
			return apperr.New(apperr.Forbidden, "当前账号无权进行此操作")
		}
		c.SetUserContext(auth.WithCaller(c.UserContext(), caller))
		return c.Next()
	}
}

// statusOf is the one table from error codes to HTTP statuses.
var statusOf = map[apperr.Code]int{
	apperr.Invalid:         fiber.StatusUnprocessableEntity,
	apperr.Malformed:       fiber.StatusBadRequest,
	apperr.NotFound:        fiber.StatusNotFound,
	apperr.Conflict:        fiber.StatusConflict,
	apperr.Forbidden:       fiber.StatusForbidden,
	apperr.Unauthenticated: fiber.StatusUnauthorized,
	apperr.TooLarge:        fiber.StatusRequestEntityTooLarge,
	apperr.RateLimited:     fiber.StatusTooManyRequests,
	apperr.Unavailable:     fiber.StatusServiceUnavailable,
	apperr.Internal:        fiber.StatusInternalServerError,
	codeUnsupportedMedia:   fiber.StatusUnsupportedMediaType,
	codeHeadersTooLarge:    fiber.StatusRequestHeaderFieldsTooLarge,
	codeMethodNotAllowed:   fiber.StatusMethodNotAllowed,
}

type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string       `json:"code"`
	Message string       `json:"message"`
	Fields  []fieldError `json:"fields,omitempty"`
}

type fieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// handleError writes every error as {"error":{code,message,fields}}. Internal errors are logged once
// and shown as 内部错误; nothing of the cause reaches the client.
func (s *Server) handleError(c *fiber.Ctx, err error) error {
	var fe *fiber.Error
	var ae *apperr.Error
	switch {
	case errors.As(err, &ae):
	case errors.As(err, &fe):
		ae = fiberError(fe)
	case errors.Is(err, context.DeadlineExceeded):
		ae = &apperr.Error{Code: apperr.Unavailable, Message: "服务繁忙,请稍后再试", Err: err}
	default:
		ae = &apperr.Error{Code: apperr.Internal, Message: "内部错误", Err: err}
	}
	status, ok := statusOf[ae.Code]
	if !ok {
		status = fiber.StatusInternalServerError
	}
	msg := ae.Message
	if ae.Code == codeHeadersTooLarge {
		// fasthttp refused the request before routing, so accessLog never sees it.
		s.Log.Info("request refused", "status", status, "reason", "request line and headers exceed the read buffer",
			"client", c.Context().RemoteIP().String())
	}
	if status == fiber.StatusInternalServerError {
		s.Log.Error("request failed", "method", c.Method(), "path", c.Path(), "err", err)
		msg = "内部错误"
	}
	body := errorBody{Error: errorDetail{Code: string(ae.Code), Message: msg}}
	if status != fiber.StatusInternalServerError {
		for _, f := range ae.Fields {
			body.Error.Fields = append(body.Error.Fields, fieldError(f))
		}
	}
	return c.Status(status).JSON(body)
}

func fiberError(fe *fiber.Error) *apperr.Error {
	switch fe.Code {
	case fiber.StatusRequestEntityTooLarge:
		return apperr.New(apperr.TooLarge, "请求内容过大(上限1MB,花名册文件上限10MB)")
	case fiber.StatusRequestHeaderFieldsTooLarge, fiber.StatusRequestURITooLong:
		return apperr.New(codeHeadersTooLarge, "请求地址或请求头过长(合计上限8KB)")
	case fiber.StatusNotFound:
		return apperr.New(apperr.NotFound, "接口不存在")
	case fiber.StatusMethodNotAllowed:
		return apperr.New(codeMethodNotAllowed, "接口不支持该请求方法")
	case fiber.StatusBadRequest:
		return apperr.New(apperr.Malformed, "请求格式错误")
	case fiber.StatusRequestTimeout:
		return apperr.New(apperr.Unavailable, "请求超时")
	}
	return &apperr.Error{Code: apperr.Internal, Message: "内部错误", Err: fe}
}

// accessLog logs each request once: method, path (without the query, which may hold names), status,
// duration and the user. Errors are answered here, so that the status logged is the one sent.
func (s *Server) accessLog(c *fiber.Ctx) error {
	start := time.Now()
	if err := c.Next(); err != nil {
		if herr := s.handleError(c, err); herr != nil {
			return herr
		}
	}
	user := ""
	if caller, ok := auth.CallerFrom(c.UserContext()); ok {
		user = caller.Username
	}
	s.Log.Info("request", "method", c.Method(), "path", c.Path(), "status", c.Response().StatusCode(),
		"ms", time.Since(start).Milliseconds(), "user", user, "client", s.clientIP(c))
	return nil
}

// clientIP is the client's address: the connection's, or, when the connection comes from a trusted
// reverse proxy, the rightmost X-Forwarded-For entry that is not itself a trusted proxy (entries to
// its left were written by the client and prove nothing).
func (s *Server) clientIP(c *fiber.Ctx) string {
	ip := c.Context().RemoteIP().String()
	if !s.trusted[ip] {
		return ip
	}
	hops := strings.Split(c.Get(fiber.HeaderXForwardedFor), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		h := strings.TrimSpace(hops[i])
		if h != "" && !s.trusted[h] {
			if net.ParseIP(h) == nil {
				return ip
			}
			return h
		}
	}
	return ip
}

// recover turns a panic into a 500 without a stack trace in the response; the stack is logged.
func (s *Server) recover(c *fiber.Ctx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			s.Log.Error("panic", "method", c.Method(), "path", c.Path(), "panic", r)
			err = apperr.New(apperr.Internal, "内部错误")
		}
	}()
	return c.Next()
}

func (s *Server) securityHeaders(c *fiber.Ctx) error {
	c.Set("X-Content-Type-Options", "nosniff")
	c.Set("X-Frame-Options", "DENY")
	c.Set("Referrer-Policy", "no-referrer")
	c.Set("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'; object-src 'none'")
	c.Set("Cross-Origin-Opener-Policy", "same-origin")
	c.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
	if strings.HasPrefix(c.Path(), "/api/") {
		c.Set("Cache-Control", "no-store")
	}
	return c.Next()
}

// cors allows only configured origins; with none configured, no CORS header is ever sent and
// preflight requests are refused.
func (s *Server) cors(c *fiber.Ctx) error {
	origin := c.Get(fiber.HeaderOrigin)
	allowed := false
	for _, o := range s.CORSOrigins {
		if origin != "" && o == origin {
			allowed = true
		}
	}
	if allowed {
		c.Set(fiber.HeaderAccessControlAllowOrigin, origin)
		c.Set(fiber.HeaderVary, fiber.HeaderOrigin)
		if c.Method() == fiber.MethodOptions {
			c.Set(fiber.HeaderAccessControlAllowMethods, "GET,POST,PATCH,PUT")
			c.Set(fiber.HeaderAccessControlAllowHeaders, "Authorization,Content-Type")
			c.Set(fiber.HeaderAccessControlMaxAge, "600")
			return c.SendStatus(fiber.StatusNoContent)
		}
	} else if c.Method() == fiber.MethodOptions && origin != "" {
		return apperr.New(apperr.Forbidden, "不允许跨域访问")
	}
	return c.Next()
}
