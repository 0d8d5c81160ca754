package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a goroutine-safe log sink.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func freeAddr(t *testing.T) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// start runs the service as main does until the returned stop is called (the SIGTERM path: the
// context is cancelled) and waits for /healthz.
func start(t *testing.T, env map[string]string) (base string, logs *syncBuffer, stop func() error) {
	t.Helper()
	addr := freeAddr(t)
	env["ANJU_ADDR"] = addr
	ctx, cancel := context.WithCancel(context.Background())
	logs = &syncBuffer{}
	done := make(chan error, 1)
	go func() { done <- run(ctx, nil, func(k string) string { return env[k] }, logs) }()
	base = "http://" + addr
	for i := 0; ; i++ {
		resp, err := http.Get(base + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		select {
		case err := <-done:
			t.Fatalf("service stopped: %v\n%s", err, logs)
		default:
		}
		if i > 600 {
			t.Fatalf("service did not become healthy\n%s", logs)
		}
		time.Sleep(50 * time.Millisecond)
	}
	return base, logs, func() error { cancel(); return <-done }
}

func call(t *testing.T, method, url, token string, body any) (int, map[string]any) {
	t.Helper()
	var r io.Reader
	if body != nil {
		raw, _ := json.Marshal(body)
		r = bytes.NewReader(raw)
	}
	req, _ := http.NewRequest(method, url, r)
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out := map[string]any{}
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// TestRestartKeepsAcknowledgedWrites starts the service on the embedded default, registers a site and
// a household, shuts down as on SIGTERM, starts again on the same data directory and finds both.
func TestRestartKeepsAcknowledgedWrites(t *testing.T) {
	env := map[string]string{"ANJU_DATA_DIR": t.TempDir(), "ANJU_ADMIN_PASSWORD": "Restart-Test-1"}
	base, logs, stop := start(t, env)
	if !strings.Contains(logs.String(), "storage: embedded FerretDB") {
		t.Errorf("the log does not say which storage is used:\n%s", logs)
	}
	_, login := call(t, "POST", base+"/api/v1/auth/login", "", map[string]string{"username": "admin", "password": "Restart-Test-1"})
	tok, _ := login["token"].(string)
	st, site := call(t, "POST", base+"/api/v1/sites", tok, map[string]any{"name": "沙上头集中安置点", "countyCode": "140524", "townshipCode": "140524100"})
	if st != 201 {
		t.Fatalf("site: %d %v", st, site)
	}
	st, h := call(t, "POST", base+"/api/v1/households", tok, map[string]any{
		"siteId": site["id"], "origin": map[string]any{"countyCode": "140524"}, "relocationYear": 2018, "moveInDate": "2018-10-01",
		"phone": "13912345678", "householdType": "一般脱贫户",
		"members": []map[string]any{{"name": "王建国", "idNumber": "11010519491231002X", "relation": "户主", "ethnicity": "汉族",
			"education": "小学", "health": "健康", "laborCapacity": "普通劳动力"}}})
	if st != 201 {
		t.Fatalf("household: %d %v", st, h)
	}
	if err := stop(); err != nil {
		t.Fatalf("shutdown: %v\n%s", err, logs)
	}
	if !strings.Contains(logs.String(), "msg=request method=POST path=/api/v1/households status=201") {
		t.Errorf("no access log line for the registration:\n%s", logs)
	}
	if strings.Contains(logs.String(), "Restart-Test-1") {
		t.Errorf("a password reached the log:\n%s", logs)
	}
	if !strings.Contains(logs.String(), "storage closed") {
		t.Errorf("no clean shutdown in the log:\n%s", logs)
	}

	base, logs, stop = start(t, env)
	defer func() { _ = stop() }()
	_, login = call(t, "POST", base+"/api/v1/auth/login", "", map[string]string{"username": "admin", "password": "Restart-Test-1"})
	tok, _ = login["token"].(string)
	st, got := call(t, "GET", base+"/api/v1/households/"+h["id"].(string), tok, nil)
	if st != 200 || got["number"] != h["number"] {
		t.Fatalf("after restart: %d %v\n%s", st, got, logs)
	}
	// The ID number is still claimed system-wide.
	st, dup := call(t, "POST", base+"/api/v1/households", tok, map[string]any{
		"siteId": site["id"], "origin": map[string]any{"countyCode": "140524"}, "relocationYear": 2018, "moveInDate": "2018-10-01",
		"phone": "13912345678", "householdType": "一般脱贫户",
		"members": []map[string]any{{"name": "王建国", "idNumber": "11010519491231002x", "relation": "户主", "ethnicity": "汉族",
			"education": "小学", "health": "健康", "laborCapacity": "普通劳动力"}}})
	if st != 409 {
		t.Fatalf("duplicate after restart: %d %v", st, dup)
	}
}

func TestBootstrapPasswordPrintedOnce(t *testing.T) {
	env := map[string]string{"ANJU_DATA_DIR": t.TempDir()}
	_, logs, stop := start(t, env)
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(logs.String(), "created the first account") {
		t.Fatalf("no generated password in the first start's log:\n%s", logs)
	}
	_, logs, stop = start(t, env)
	_ = stop()
	if strings.Contains(logs.String(), "created the first account") {
		t.Fatalf("the password was printed again on the second start:\n%s", logs)
	}
}

func TestBadConfig(t *testing.T) {
	for _, args := range [][]string{{"-token-ttl", "5s"}, {"frobnicate"}, {"seed"}} {
		if err := run(context.Background(), args, func(string) string { return "" }, io.Discard); err == nil {
			t.Errorf("%v: accepted", args)
		}
	}
}
