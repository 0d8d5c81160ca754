package http_test

import (
	"bytes"
	"log/slog"
	"net"
	nethttp "net/http"
	"strings"
	"sync"
	"testing"

	"github.com/anju-cn/anju/internal/app"
	anjuhttp "github.com/anju-cn/anju/internal/http"
	"github.com/anju-cn/anju/internal/testdb"
)

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestLongURL: a search of 5,000 letters is served, and a URL too long for the read buffer gets
// 414 or 431 in the error format, never a 500, and the server logs no error for either.
func TestLongURL(t *testing.T) {
	var logs syncBuffer
	log := slog.New(slog.NewTextHandler(&logs, nil))
	srv := anjuhttp.New(app.New(testdb.Open(t), testdb.Quiet), log, anjuhttp.Options{})
	// A real listener: app.Test reports the read error instead of the response the server sends.
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = srv.Fiber.Listener(ln) }()
	t.Cleanup(func() { _ = srv.Fiber.Shutdown() })
	base := "http://" + ln.Addr().String()
	for _, tc := range []struct {
		n       int
		served  bool // answered by the route (401: no token), not refused for its length
		refused bool
	}{
		{5_000, true, false},
		{20_000, false, true},
		{200_000, false, true},
	} {
		resp, err := nethttp.Get(base + "/api/v1/households?q=" + strings.Repeat("a", tc.n))
		if err != nil {
			t.Fatalf("q of %d letters: %v", tc.n, err)
		}
		var raw bytes.Buffer
		_, _ = raw.ReadFrom(resp.Body)
		resp.Body.Close()
		st := resp.StatusCode
		switch {
		case st == 500:
			t.Errorf("q of %d letters: 500 %s", tc.n, raw.String())
		case tc.served && st != 401:
			t.Errorf("q of %d letters: %d, want it served (401 without a token) %s", tc.n, st, raw.String())
		case tc.refused && st != 414 && st != 431:
			t.Errorf("q of %d letters: %d, want 414 or 431 %s", tc.n, st, raw.String())
		case tc.refused && !strings.Contains(raw.String(), `"error":{"code":`):
			t.Errorf("q of %d letters: body not in the error format: %s", tc.n, raw.String())
		}
	}
	if strings.Contains(logs.String(), "level=ERROR") {
		t.Errorf("errors logged:\n%s", logs.String())
	}
}
