// Package web holds the templates and static files of the server-rendered pages, embedded into
// the binary, and the pure helpers around them: content-hashed asset URLs with strong ETags
// (assets.go) and the page templates (templates.go). It imports no HTTP framework; internal/http
// serves what it finds here.
package web

import "embed"

// CSP is the Content-Security-Policy the pages are written for: no inline script or style,
// no eval, nothing from other origins. Set it on every page response.
const CSP = "default-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"

// FS holds templates/ and static/ (including the vendored libraries under static/vendor/).
//
//go:embed templates static
var FS embed.FS
