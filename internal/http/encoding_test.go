package http_test

import (
	"bytes"
	"compress/gzip"
	"compress/zlib"
	"io"
	"net/http/httptest"
	"runtime"
	"testing"
)

// bomb compresses n zero bytes with w (gzip or zlib), which shrinks them about a thousandfold.
func bomb(t *testing.T, n int, wrap func(io.Writer) io.WriteCloser) []byte {
	t.Helper()
	var buf bytes.Buffer
	w := wrap(&buf)
	zeros := make([]byte, 1<<20)
	for written := 0; written < n; written += len(zeros) {
		if _, err := w.Write(zeros); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// heap is the heap in use after two collections (the second empties sync.Pool's victim cache),
// and the bytes allocated so far.
func heap() (inuse, total uint64) {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapInuse, m.TotalAlloc
}

// TestCompressedBodyRefused sends decompression bombs (100 MB of zeros, about 100 KB compressed) to
// the login route, which needs no token: each is refused with 415 before anything inflates it, so the
// heap does not grow. Every coding other than identity is refused, alone or stacked. The memory
// figures are process-wide: this test must not run in parallel with others.
func TestCompressedBodyRefused(t *testing.T) {
	e := newEnv(t)
	const size = 100 << 20
	gz := bomb(t, size, func(w io.Writer) io.WriteCloser { return gzip.NewWriter(w) })
	zl := bomb(t, size, func(w io.Writer) io.WriteCloser { return zlib.NewWriter(w) })
	cases := []struct {
		encoding string
		body     []byte
	}{
		{"gzip", gz},
		{"GZIP", gz},
		{"x-gzip", gz},
		{"deflate", zl},
		{"br", []byte("\x1b\xff\xff\x7f\x00")}, // any bytes: the coding alone is refused
		{"zstd", []byte("\x28\xb5\x2f\xfd")},
		{"gzip, identity", gz},
		{"identity, gzip", gz},
		{"gzip,gzip", gz},
		{"deflate, gzip", zl},
	}
	for _, tc := range cases {
		inuse0, total0 := heap()
		req := httptest.NewRequest("POST", "/api/v1/auth/login", bytes.NewReader(tc.body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Content-Encoding", tc.encoding)
		st, body := e.send(req)
		inuse1, total1 := heap()
		const limit = 10 << 20
		if inuse1 > inuse0 && inuse1-inuse0 > limit {
			t.Errorf("Content-Encoding %q: heap in use grew by %d MB", tc.encoding, (inuse1-inuse0)>>20)
		}
		// Allocations count even what was freed again: inflating the bomb once would add 100 MB.
		if total1-total0 > 3*limit {
			t.Errorf("Content-Encoding %q: %d MB allocated while answering", tc.encoding, (total1-total0)>>20)
		}
		if st != 415 && st != 413 {
			t.Errorf("Content-Encoding %q: status %d, want 415 %v", tc.encoding, st, body)
			continue
		}
		if code := body["error"].(map[string]any)["code"]; code != "unsupported_media_type" && code != "too_large" {
			t.Errorf("Content-Encoding %q: code %v", tc.encoding, code)
		}
	}

	// A body declared as identity is read as it is.
	req := httptest.NewRequest("POST", "/api/v1/auth/login", bytes.NewReader([]byte(`{"username":"admin","password":"`+adminPassword+`"}`)))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Content-Encoding", "identity")
	if st, body := e.send(req); st != 200 {
		t.Errorf("Content-Encoding identity: %d %v", st, body)
	}
}
