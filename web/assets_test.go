package web

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"
)

func TestHashedName(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"static/app.css", "static/app.abc.css"},
		{"static/vendor/echarts/echarts.simple.min.js", "static/vendor/echarts/echarts.simple.min.abc.js"},
		{"static/vendor/htmx/LICENSE", "static/vendor/htmx/LICENSE.abc"},
		{"static/.hidden", "static/.hidden.abc"},
	} {
		if got := hashedName(tc.in, "abc"); got != tc.want {
			t.Errorf("hashedName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestAssetPathAndLookup(t *testing.T) {
	for _, name := range []string{"static/app.css", "static/app.js", "static/vendor/htmx/htmx.min.js",
		"static/vendor/echarts/echarts.simple.min.js"} {
		data, err := fs.ReadFile(FS, name)
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(data)
		hexSum := hex.EncodeToString(sum[:])
		base := strings.TrimPrefix(name, "static/")
		ext := base[strings.LastIndexByte(base, '.'):]
		want := "/static/" + strings.TrimSuffix(base, ext) + "." + hexSum[:hashLen] + ext

		url, err := AssetPath(name)
		if err != nil || url != want {
			t.Fatalf("AssetPath(%q) = %q, %v; want %q", name, url, err, want)
		}
		if u2, _ := AssetPath("/" + name); u2 != url {
			t.Errorf("AssetPath with leading slash = %q, want %q", u2, url)
		}
		a, immutable, ok := LookupAsset(url)
		if !ok || !immutable || a.Name != name || string(a.Data) != string(data) {
			t.Fatalf("LookupAsset(%q) = %v, %v, %v", url, a, immutable, ok)
		}
		if a.ETag != `"`+hexSum+`"` {
			t.Errorf("ETag = %s, want the quoted sha256 (strong: no W/)", a.ETag)
		}
		if _, immutable, ok := LookupAsset("/" + name); !ok || immutable {
			t.Errorf("plain path %s: ok=%v immutable=%v, want found and not immutable", name, ok, immutable)
		}
		if gz := a.Gzip(); gz == nil || len(gz) >= len(data) {
			t.Errorf("%s: gzip %d bytes of %d", name, len(gz), len(data))
		}
	}
}

func TestAssetMisses(t *testing.T) {
	if _, err := AssetPath("static/nope.css"); !errors.Is(err, ErrUnknownAsset) {
		t.Errorf("AssetPath(missing) error = %v, want ErrUnknownAsset", err)
	}
	if _, err := AssetPath("templates/layout.html"); !errors.Is(err, ErrUnknownAsset) {
		t.Errorf("templates must not be assets: error = %v", err)
	}
	url, _ := AssetPath("static/app.css")
	stale := regexp.MustCompile(`\.[0-9a-f]{12}\.`).ReplaceAllString(url, ".000000000000.")
	for _, p := range []string{stale, "/static/../templates/layout.html", "/templates/layout.html", "/static/app"} {
		if _, _, ok := LookupAsset(p); ok {
			t.Errorf("LookupAsset(%q) found something", p)
		}
	}
}

func TestIndexAssetsHashesContent(t *testing.T) {
	a, err := indexAssets(fstest.MapFS{"static/a.css": {Data: []byte("body{}")}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := indexAssets(fstest.MapFS{"static/a.css": {Data: []byte("body{color:red}")}})
	if err != nil {
		t.Fatal(err)
	}
	if a.byName["static/a.css"].URL == b.byName["static/a.css"].URL {
		t.Error("different content got the same hashed URL")
	}
	if got := a.byName["static/a.css"].URL; got != "/static/a.7c98040a5416.css" {
		t.Errorf("URL = %s", got)
	}
}

// TestVendorChecksums repeats scripts/vendor-web.sh --check in Go, so that CI notices a
// vendored file changed by hand.
func TestVendorChecksums(t *testing.T) {
	f, err := os.Open("static/vendor/CHECKSUMS")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	listed := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "package ") {
			continue
		}
		sum, name, ok := strings.Cut(line, "  ")
		if !ok {
			t.Fatalf("bad CHECKSUMS line %q", line)
		}
		data, err := fs.ReadFile(FS, "static/vendor/"+name)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if got := sha256.Sum256(data); hex.EncodeToString(got[:]) != sum {
			t.Errorf("%s does not match CHECKSUMS: run scripts/vendor-web.sh", name)
		}
		listed[name] = true
	}
	_ = fs.WalkDir(FS, "static/vendor", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != "static/vendor/CHECKSUMS" && !listed[strings.TrimPrefix(p, "static/vendor/")] {
			t.Errorf("%s is not in CHECKSUMS", p)
		}
		return err
	})
	if len(listed) == 0 {
		t.Error("CHECKSUMS lists no file")
	}
}
