package http

import (
	"bytes"
	"strings"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/apperr"
)

// Codes of refusals that only HTTP has (the service never returns them); statusOf maps each.
const (
	codeUnsupportedMedia apperr.Code = "unsupported_media_type" // 415
	codeHeadersTooLarge  apperr.Code = "headers_too_large"      // 431: request line and headers
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
