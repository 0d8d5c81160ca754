package http_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net"
	nethttp "net/http"
	"net/url"
	"os"
	"regexp"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/auth"
	anjuhttp "github.com/anju-cn/anju/internal/http"
	"github.com/anju-cn/anju/internal/page"
	"github.com/anju-cn/anju/internal/testdb"
)

// BenchmarkPages renders every page on the embedded default with the 沙上头 demo site loaded, as the
// admin (who may open every page), through a real loopback listener, and reports p50 and p95 per
// page; "dashboard" also reports the bytes its first load moves, gzip-compressed (the HTML and every
// asset it links). The audit trail page and a household's history fragment run only with
// ANJU_BENCH_AUDIT=1 (they scanned the whole trail before the storage work of issue 9; now each is an
// index range of a few milliseconds). Run: scripts/bench-pages.sh
func BenchmarkPages(b *testing.B) {
	a, rep := demoServices(b)
	ctx := context.Background()
	sys := auth.WithCaller(ctx, auth.System)
	token, _, err := a.Accounts.Login(ctx, "admin", adminPassword, "bench")
	if err != nil {
		b.Fatal(err)
	}
	srv := anjuhttp.New(a, testdb.Quiet, anjuhttp.Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go func() { _ = srv.Fiber.Listener(ln) }()
	defer func() { _ = srv.Fiber.Shutdown() }()
	base := "http://" + ln.Addr().String()
	client := &nethttp.Client{Timeout: time.Minute, Transport: &nethttp.Transport{DisableCompression: true},
		CheckRedirect: func(*nethttp.Request, []*nethttp.Request) error { return nethttp.ErrUseLastResponse }}
	get := func(path string) (int, []byte) {
		req, _ := nethttp.NewRequest("GET", base+path, nil)
		req.AddCookie(&nethttp.Cookie{Name: "anju_session", Value: token})
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, out
	}
	hs, _ := a.Registration.ListHouseholds(sys, app.HouseholdQuery{SiteID: rep.SiteID, Page: page.Request{Page: 1, Size: 1}})
	ps, _ := a.Jobs.ListPositions(sys, app.PositionQuery{CountyCode: "140524", Status: "open", Page: page.Request{Page: 1, Size: 1}})
	ms, _ := a.Registration.ListMembers(sys, app.MemberQuery{SiteID: rep.SiteID, Workable: true, Page: page.Request{Page: 1, Size: 1}})
	pages := []struct{ name, path string }{
		{"dashboard", "/"}, {"households", "/households"}, {"households-search", "/households?q=" + url.QueryEscape("村")},
		{"household", "/households/" + hs.Items[0].ID}, {"household-edit", "/households/" + hs.Items[0].ID + "/edit"},
		{"household-new", "/households/new"}, {"workers", "/workers"}, {"worker", "/workers/" + ms.Items[0].ID},
		{"employers", "/employers"}, {"positions", "/positions"}, {"position", "/positions/" + ps.Items[0].ID},
		{"matching-site", "/matching?siteId=" + rep.SiteID}, {"placements", "/placements"}, {"reports", "/reports"},
		{"quality", "/quality"}, {"dashboard-trend", "/dashboard/trend"},
	}
	if os.Getenv("ANJU_BENCH_AUDIT") != "" {
		pages = append(pages, struct{ name, path string }{"audit", "/audit"},
			struct{ name, path string }{"household-history", "/households/" + hs.Items[0].ID + "/history"})
	}
	for _, pg := range pages {
		b.Run(pg.name, func(b *testing.B) {
			measure(b, func(int) {
				if st, _ := get(pg.path); st != 200 {
					b.Fatalf("%s: %d", pg.path, st)
				}
			})
			if pg.name == "dashboard" {
				_, html := get("/")
				total := len(html)
				for _, m := range regexp.MustCompile(`(?:src|href)="(/static/[^"]+)"`).FindAllStringSubmatch(gunzip(b, html), -1) {
					st, body := get(m[1])
					if st != 200 {
						b.Fatalf("%s: %d", m[1], st)
					}
					total += len(body)
				}
				b.ReportMetric(float64(total)/1024, "first-load-KB")
			}
		})
	}
}

func gunzip(b *testing.B, raw []byte) string {
	if len(raw) < 2 || raw[0] != 0x1f || raw[1] != 0x8b {
		return string(raw)
	}
	r, err := gzipReader(raw)
	if err != nil {
		b.Fatal(err)
	}
	return r
}

func gzipReader(raw []byte) (string, error) {
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		return "", err
	}
	out, err := io.ReadAll(zr)
	return string(out), err
}
