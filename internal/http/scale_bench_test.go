package http_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/mongo"
	"github.com/anju-cn/anju/internal/testdb"
)

// BenchmarkScale measures the county-scale paths of issue 9 on a prepared data directory (10 demo
// sites and 3 years of history, about a million audit entries): start-up, memory, the audit trail's
// pages, placements, positions, a household while four clients page the audit trail, the county's
// unemployed and registration by 8 clients. It writes (registrations), so it runs on a copy.
// Run: scripts/bench-scale.sh (it builds the data once and copies it for each run).
func BenchmarkScale(b *testing.B) {
	dir := os.Getenv("ANJU_BENCH_DATA")
	if dir == "" {
		b.Skip("set ANJU_BENCH_DATA to a prepared data directory (scripts/bench-scale.sh)")
	}
	ctx := context.Background()
	t0 := time.Now()
	db, err := mongo.Open(ctx, mongo.Config{DataDir: dir, Logger: testdb.Quiet})
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close(ctx)
	a := app.New(db, testdb.Quiet)
	if _, _, err := a.Accounts.Bootstrap(ctx, adminPassword); err != nil {
		b.Fatal(err)
	}
	if _, err := a.Accounts.ResetPassword(ctx, "admin", adminPassword); err != nil {
		b.Fatal(err)
	}
	call, stop := serveLoopback(b, a)
	defer stop()
	if st, _ := call("GET", "/healthz", "", nil); st != 200 {
		b.Fatal("healthz", st)
	}
	startup := time.Since(t0)
	debug.FreeOSMemory()
	rss := vmRSS()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	_, raw := call("POST", "/api/v1/auth/login", "", map[string]string{"username": "admin", "password": adminPassword})
	var login struct{ Token string }
	_ = json.Unmarshal(raw, &login)
	tok := login.Token
	var list struct {
		Items []map[string]any `json:"items"`
		Total int              `json:"total"`
	}
	get := func(path string) {
		st, raw := call("GET", path, tok, nil)
		if st != 200 {
			b.Fatalf("%s: %d %s", path, st, raw)
		}
		list.Items, list.Total = nil, 0
		_ = json.Unmarshal(raw, &list)
	}
	get("/api/v1/audit?pageSize=1")
	auditTotal := list.Total
	b.Logf("start-up to /healthz %v, RSS after start-up %d MiB (Go heap in use %d MiB), %d audit entries",
		startup.Round(time.Millisecond), rss>>20, ms.HeapInuse>>20, auditTotal)
	get("/api/v1/sites?pageSize=20")
	site := list.Items[0]["id"].(string)
	county := "140524"
	get("/api/v1/households?pageSize=1&siteId=" + site)
	hid := list.Items[0]["id"].(string)
	get("/api/v1/placements?pageSize=1&siteId=" + site + "&status=ended")
	member := list.Items[0]["memberId"].(string)
	get("/api/v1/audit?pageSize=1&entity=placement")
	auditEntity, auditID := "placement", list.Items[0]["entityId"].(string)
	user := "system" // the history's author: the user with the most entries

	paths := []struct{ name, path string }{
		{"audit-newest", "/api/v1/audit?pageSize=20&page=%d"},
		{"audit-entity", "/api/v1/audit?pageSize=20&entity=" + auditEntity + "&id=" + auditID},
		{"audit-user", "/api/v1/audit?pageSize=20&userId=" + user + "&page=%d"},
		{"placements-site", "/api/v1/placements?pageSize=20&siteId=" + site + "&page=%d"},
		{"placements-member", "/api/v1/placements?pageSize=20&memberId=" + member},
		{"positions-county", "/api/v1/positions?pageSize=20&countyCode=" + county + "&page=%d"},
		{"unemployed-county-page1", "/api/v1/unemployed?pageSize=20&countyCode=" + county},
		{"members-county-page1..5", "/api/v1/members?pageSize=20&countyCode=" + county + "&page=%d"},
		{"members-county-workable", "/api/v1/members?pageSize=20&workable=true&countyCode=" + county},
	}
	for _, p := range paths {
		b.Run(p.name, func(b *testing.B) {
			measure(b, func(i int) {
				if strings.Contains(p.path, "%d") {
					get(fmt.Sprintf(p.path, 1+i%5)) // pages 1 to 5
				} else {
					get(p.path)
				}
			})
		})
	}
	b.Run("household-while-4-page-audit", func(b *testing.B) {
		var stop atomic.Bool
		var wg sync.WaitGroup
		for c := 0; c < 4; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := 0; !stop.Load(); i++ {
					if st, _ := call("GET", fmt.Sprintf("/api/v1/audit?pageSize=20&page=%d", 1+(c*7+i)%50), tok, nil); st != 200 {
						b.Error(st)
						return
					}
				}
			}()
		}
		time.Sleep(100 * time.Millisecond)
		measure(b, func(int) {
			if st, _ := call("GET", "/api/v1/households/"+hid, tok, nil); st != 200 {
				b.Fatal(st)
			}
		})
		stop.Store(true)
		wg.Wait()
	})
	b.Run("register-8-clients", func(b *testing.B) {
		var mu sync.Mutex
		lat := make([]time.Duration, 0, b.N)
		var next atomic.Int64
		var wg sync.WaitGroup
		b.ResetTimer()
		for c := 0; c < 8; c++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for next.Add(1) <= int64(b.N) {
					body := householdBody(site)
					t0 := time.Now()
					st, out := call("POST", "/api/v1/households", tok, body)
					d := time.Since(t0)
					if st != 201 {
						b.Errorf("register: %d %s", st, out)
						return
					}
					mu.Lock()
					lat = append(lat, d)
					mu.Unlock()
				}
			}()
		}
		wg.Wait()
		b.StopTimer()
		report(b, lat)
	})
}

// measure times b.N calls of fn (given the call's index) and reports their p50, p95 and maximum.
func measure(b *testing.B, fn func(i int)) {
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		fn(i)
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	report(b, lat)
}

// report reports the p50, p95 and maximum of latencies lat (reordering them).
func report(b *testing.B, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	sort.Slice(lat, func(i, j int) bool { return lat[i] < lat[j] })
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
}

// vmRSS is this process's resident set size in bytes, from /proc (0 elsewhere).
func vmRSS() int64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, "VmRSS:") {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimPrefix(line, "VmRSS:"), "kB")), &kb)
			return kb << 10
		}
	}
	return 0
}
