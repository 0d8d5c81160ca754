package http_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	nethttp "net/http"
	"net/url"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/app"
	anjuhttp "github.com/anju-cn/anju/internal/http"
	"github.com/anju-cn/anju/internal/testdb"
)

// demoServices opens a fresh embedded database with the first admin account and the 沙上头 demo
// site, for the benchmarks.
func demoServices(b *testing.B) (*app.Services, app.SeedReport) {
	db := testdb.Open(b)
	a := app.New(db, testdb.Quiet)
	ctx := context.Background()
	if _, _, err := a.Accounts.Bootstrap(ctx, adminPassword); err != nil {
		b.Fatal(err)
	}
	rep, err := a.System.SeedDemo(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	return a, rep
}

// BenchmarkAPI measures the hot API paths on the embedded default with the 沙上头 demo site loaded,
// through a real loopback HTTP listener. Run: scripts/bench-api.sh
func BenchmarkAPI(b *testing.B) {
	a, rep := demoServices(b)
	call, stop := serveLoopback(b, a)
	defer stop()
	_, raw := call("POST", "/api/v1/auth/login", "", map[string]string{"username": "admin", "password": adminPassword})
	var login struct{ Token string }
	_ = json.Unmarshal(raw, &login)
	tok := login.Token
	_, raw = call("GET", "/api/v1/households?siteId="+rep.SiteID+"&pageSize=1", tok, nil)
	var first struct {
		Items []struct{ ID string } `json:"items"`
	}
	_ = json.Unmarshal(raw, &first)
	hid := first.Items[0].ID

	b.Run("register", func(b *testing.B) {
		measure(b, func(int) {
			if st, out := call("POST", "/api/v1/households", tok, householdBody(rep.SiteID)); st != 201 {
				b.Fatalf("register: %d %s", st, out)
			}
		})
	})
	b.Run("household-by-id", func(b *testing.B) {
		measure(b, func(int) {
			if st, _ := call("GET", "/api/v1/households/"+hid, tok, nil); st != 200 {
				b.Fatal(st)
			}
		})
	})
	b.Run("site-list-page", func(b *testing.B) {
		measure(b, func(i int) {
			if st, _ := call("GET", "/api/v1/households?pageSize=20&page=3&siteId="+rep.SiteID, tok, nil); st != 200 {
				b.Fatal(st)
			}
		})
	})
	b.Run("unemployed-list", func(b *testing.B) {
		measure(b, func(int) {
			if st, _ := call("GET", "/api/v1/unemployed?pageSize=50&siteId="+rep.SiteID, tok, nil); st != 200 {
				b.Fatal(st)
			}
		})
	})
	_, raw = call("GET", "/api/v1/positions?status=open", tok, nil)
	var positions struct {
		Items []struct {
			ID        string `json:"id"`
			Remaining int    `json:"remaining"`
		} `json:"items"`
	}
	_ = json.Unmarshal(raw, &positions)
	b.Run("candidates", func(b *testing.B) {
		measure(b, func(i int) {
			p := positions.Items[i%len(positions.Items)].ID
			if st, _ := call("GET", "/api/v1/positions/"+p+"/candidates?limit=20", tok, nil); st != 200 {
				b.Fatal(st)
			}
		})
	})
	b.Run("plan-site", func(b *testing.B) {
		measure(b, func(int) {
			if st, out := call("POST", "/api/v1/matching/plan", tok, map[string]string{"siteId": rep.SiteID}); st != 200 {
				b.Fatalf("plan: %d %s", st, out)
			}
		})
	})
	// Placements: one unemployed worker after another into flexible work, through the full path
	// (claims, household summary, audit).
	var idle []string
	for page := 1; page <= 10; page++ {
		_, raw = call("GET", fmt.Sprintf("/api/v1/unemployed?pageSize=200&page=%d&siteId=%s", page, rep.SiteID), tok, nil)
		var l struct {
			Items []struct{ ID string } `json:"items"`
		}
		_ = json.Unmarshal(raw, &l)
		for _, it := range l.Items {
			idle = append(idle, it.ID)
		}
	}
	next := 0
	b.Run("placement", func(b *testing.B) {
		measure(b, func(int) {
			if next >= len(idle) {
				b.Fatal("ran out of unemployed workers; lower -benchtime")
			}
			body := map[string]any{"memberId": idle[next], "channel": "灵活就业", "startDate": "2026-11-01", "monthlyIncome": 1500}
			next++
			if st, out := call("POST", "/api/v1/placements", tok, body); st != 201 {
				b.Fatalf("placement: %d %s", st, out)
			}
		})
	})
	b.Run("members-by-capacity", func(b *testing.B) {
		measure(b, func(int) {
			if st, _ := call("GET", "/api/v1/members?pageSize=50&siteId="+rep.SiteID+"&laborCapacity="+url.QueryEscape("弱劳动力或半劳动力"), tok, nil); st != 200 {
				b.Fatal(st)
			}
		})
	})
}

// caller sends one JSON request to the benchmark's server and returns the status and body.
type caller func(method, path, token string, body any) (int, []byte)

// serveLoopback serves the services on a real loopback listener and returns a JSON caller (which
// keeps up to 32 idle connections, for concurrent clients) and the function that stops the server.
func serveLoopback(b *testing.B, a *app.Services) (caller, func()) {
	srv := anjuhttp.New(a, testdb.Quiet, anjuhttp.Options{})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	go func() { _ = srv.Fiber.Listener(ln) }()
	base := "http://" + ln.Addr().String()
	client := &nethttp.Client{Timeout: time.Minute, Transport: &nethttp.Transport{MaxIdleConnsPerHost: 32}}
	call := func(method, path, token string, body any) (int, []byte) {
		var r io.Reader
		if body != nil {
			raw, _ := json.Marshal(body)
			r = bytes.NewReader(raw)
		}
		req, _ := nethttp.NewRequest(method, base+path, r)
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		defer resp.Body.Close()
		out, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, out
	}
	return call, func() { _ = srv.Fiber.Shutdown() }
}
