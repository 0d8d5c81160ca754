package http

import (
	"bytes"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/apperr"
)

// Codes of refusals that only HTTP has (the service never returns them); statusOf maps each.
const (
	codeUnsupportedMedia apperr.Code = "unsupported_media_type" // 415
	codeHeadersTooLarge  apperr.Code = "headers_too_large"      // 431: request line and headers
	codeMethodNotAllowed apperr.Code = "method_not_allowed"     // 405, with an Allow header
)

// refuseEncodedBody answers 415 to a request whose body declares a content coding other than
// identity (gzip, deflate, br, or any stack of them). Fiber's c.Body() would inflate such a body
// without limit, and the 1 MiB body limit counts compressed bytes, so 100 KB of gzip could become
// 100 MB in memory. No client of this API compresses requests. Runs before anything reads the body.
func (s *Server) refuseEncodedBody(c *fiber.Ctx) error {
	encoded := false
	c.Request().Header.VisitAll(func(key, value []byte) {
		if !bytes.EqualFold(key, []byte(fiber.HeaderContentEncoding)) {
			return
		}
		for _, coding := range strings.Split(string(value), ",") {
			if coding = strings.TrimSpace(coding); coding != "" && !strings.EqualFold(coding, "identity") {
				encoded = true
			}
		}
	})
	if encoded {
		return apperr.New(codeUnsupportedMedia, "不接受压缩的请求体,请去掉Content-Encoding后重发")
	}
	return c.Next()
}

// noRoute answers a request no route took: 405 with an Allow header when the path is a route's
// under other methods, otherwise 404.
func (s *Server) noRoute(c *fiber.Ctx) error {
	allow := s.methodsOf(c.Path())
	if len(allow) == 0 {
		return apperr.New(apperr.NotFound, "接口不存在")
	}
	list := strings.Join(allow, ", ")
	c.Set(fiber.HeaderAllow, list)
	return apperr.New(codeMethodNotAllowed, "接口不支持该请求方法(支持: "+list+")")
}

// methodsOf lists, sorted, the methods of the routes whose pattern matches path.
func (s *Server) methodsOf(path string) []string {
	var methods []string
	for _, r := range s.routes {
		if matchRoute(r.Path, path) && !slices.Contains(methods, r.Method) {
			methods = append(methods, r.Method)
		}
	}
	slices.Sort(methods)
	return methods
}

// matchRoute reports whether path matches a route pattern such as "/api/v1/sites/:id" the way
// Fiber routes with its default settings: literal segments ignore case, a parameter takes one
// non-empty segment, and a trailing slash does not matter.
func matchRoute(pattern, path string) bool {
	if len(path) > 1 {
		path = strings.TrimSuffix(path, "/")
	}
	ps, xs := strings.Split(pattern, "/"), strings.Split(path, "/")
	if len(ps) != len(xs) {
		return false
	}
	for i, p := range ps {
		if strings.HasPrefix(p, ":") {
			if xs[i] == "" {
				return false
			}
		} else if !strings.EqualFold(p, xs[i]) {
			return false
		}
	}
	return true
}
