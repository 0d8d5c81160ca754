package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	nethttp "net/http"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/anju-cn/anju/internal/app"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/datefmt"
	"github.com/anju-cn/anju/internal/demo"
	"github.com/anju-cn/anju/internal/excel"
	"github.com/anju-cn/anju/internal/household"
	anjuhttp "github.com/anju-cn/anju/internal/http"
	"github.com/anju-cn/anju/internal/testdb"
)

// Benchmarks of the roster import and export on the embedded default. Peak RSS is the process's
// high-water mark over the measured part only (reset through /proc/self/clear_refs), embedded
// FerretDB included. Run: scripts/bench-import.sh

// resetPeakRSS resets the process's peak RSS to its current RSS (Linux) and returns that RSS in MB;
// peakRSSMB reads the peak since.
func resetPeakRSS() float64 {
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	return statusMB("VmRSS:")
}

func peakRSSMB() float64 { return statusMB("VmHWM:") }

func statusMB(key string) float64 {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == key {
			kb, _ := strconv.Atoi(f[1])
			return float64(kb) / 1024
		}
	}
	return 0
}

var benchDay = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// demoRoster is the demo site's households (about 709 households, 2,978 people) as a roster workbook.
func demoRoster(b *testing.B) ([]household.Household, []byte) {
	hs := demo.Households("x", app.DemoSeed, benchDay)
	var rows []map[string]string
	for i := range hs {
		for _, r := range app.RosterRowsForTest(&hs[i]) {
			r["number"] = "D" + strconv.Itoa(i+1)
			rows = append(rows, r)
		}
	}
	var buf bytes.Buffer
	if err := excel.WriteRoster(&buf, excel.Roster{Title: "demo", Rows: excel.SliceRows(rows)}); err != nil {
		b.Fatal(err)
	}
	return hs, buf.Bytes()
}

func benchSite(b *testing.B) (*app.Services, context.Context, string) {
	a := app.New(testdb.Open(b), testdb.Quiet)
	ctx := auth.WithCaller(context.Background(), auth.System)
	s, err := a.Registration.CreateSite(ctx, demo.Site())
	if err != nil {
		b.Fatal(err)
	}
	return a, ctx, s.ID
}

// BenchmarkImportVsAPI imports the demo roster (about 3,000 rows, 709 households) into an empty
// database, and registers the same households through the JSON API (POST /api/v1/households over a
// loopback listener, one request per household) into another, and reports both times and their ratio.
func BenchmarkImportVsAPI(b *testing.B) {
	hs, roster := demoRoster(b)
	var importSec, apiSec, rss, before float64
	for i := 0; i < b.N; i++ {
		a, ctx, site := benchSite(b)
		before = max(before, resetPeakRSS())
		t0 := time.Now()
		j, err := a.Imports.Run(ctx, app.ImportRequest{SiteID: site, Data: roster}, nil)
		if err != nil || j.Registered != len(hs) {
			b.Fatalf("import: registered %d of %d: %v %s %v", j.Registered, len(hs), err, j.Error, j.Report[:min(3, len(j.Report))])
		}
		importSec += time.Since(t0).Seconds()
		rss = max(rss, peakRSSMB())
		apiSec += registerViaAPI(b, hs)
	}
	n := float64(b.N)
	b.ReportMetric(importSec/n, "import-s")
	b.ReportMetric(apiSec/n, "api-s")
	b.ReportMetric(importSec/apiSec, "import/api")
	b.ReportMetric(rss, "import-peak-RSS-MB")
	b.ReportMetric(before, "RSS-before-MB")
	b.ReportMetric(float64(len(roster))/1024, "file-KB")
}

func registerViaAPI(b *testing.B, hs []household.Household) float64 {
	a, _, site := benchSite(b)
	if _, _, err := a.Accounts.Bootstrap(context.Background(), "Bench-Admin-2026"); err != nil {
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
	client := &nethttp.Client{Timeout: time.Minute}
	post := func(path, token string, body any) (int, []byte) {
		raw, _ := json.Marshal(body)
		req, _ := nethttp.NewRequest("POST", base+path, bytes.NewReader(raw))
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
	_, raw := post("/api/v1/auth/login", "", map[string]string{"username": "admin", "password": "Bench-Admin-2026"})
	var login struct{ Token string }
	_ = json.Unmarshal(raw, &login)
	t0 := time.Now()
	for i := range hs {
		if st, out := post("/api/v1/households", login.Token, householdJSON(&hs[i], site)); st != 201 {
			b.Fatalf("household %d: %d %s", i, st, out)
		}
	}
	return time.Since(t0).Seconds()
}

// householdJSON is the POST /api/v1/households body of a household.
func householdJSON(h *household.Household, site string) map[string]any {
	var ms []map[string]any
	for _, m := range h.Members {
		mj := map[string]any{"name": m.Name, "idNumber": m.IDNumber, "relation": m.Relation, "ethnicity": m.Ethnicity,
			"education": m.Education, "schoolStatus": m.SchoolStatus, "health": m.Health, "laborCapacity": string(m.LaborCapacity),
			"skills": m.Skills, "constraints": m.Constraints, "pensioner": m.Pensioner, "phone": m.Phone,
			"jobIntention": map[string]any{"wantsWork": m.JobIntention.WantsWork, "area": string(m.JobIntention.Area), "kinds": m.JobIntention.Kinds}}
		if m.Disability != nil {
			mj["disability"] = map[string]any{"category": m.Disability.Category, "grade": m.Disability.Grade}
		}
		ms = append(ms, mj)
	}
	return map[string]any{"siteId": site, "origin": map[string]any{"countyCode": h.Origin.CountyCode,
		"townshipCode": h.Origin.TownshipCode, "village": h.Origin.Village}, "relocationYear": h.RelocationYear,
		"moveInDate": datefmt.Format(h.MoveInDate), "unit": h.Unit, "phone": h.Phone, "householdType": h.HouseholdType,
		"monitoringType": h.MonitoringType, "povertyCauses": h.PovertyCauses, "members": ms}
}

// BenchmarkExportRoster writes the demo site's roster with full ID numbers.
func BenchmarkExportRoster(b *testing.B) {
	a := app.New(testdb.Open(b), testdb.Quiet)
	ctx := auth.WithCaller(context.Background(), auth.System)
	rep, err := a.System.SeedDemo(ctx, nil)
	if err != nil {
		b.Fatal(err)
	}
	before := resetPeakRSS()
	b.ResetTimer()
	size := 0
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if _, err := a.Imports.WriteRoster(ctx, app.RosterQuery{SiteID: rep.SiteID, FullID: true}, &buf); err != nil {
			b.Fatal(err)
		}
		size = buf.Len()
	}
	b.StopTimer()
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
	b.ReportMetric(before, "RSS-before-MB")
	b.ReportMetric(float64(size)/1024, "file-KB")
}
