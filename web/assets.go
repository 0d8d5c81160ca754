package web

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"mime"
	"path"
	"strings"
	"sync"
)

// ErrUnknownAsset is returned by AssetPath for a name that is not a file under static/.
var ErrUnknownAsset = errors.New("web: unknown asset")

// hashLen is the number of hex digits of the SHA-256 put into a hashed asset name.
const hashLen = 12

// Asset is one file under static/, as it is served.
type Asset struct {
	Name        string // path in FS, "static/app.css"
	URL         string // content-hashed URL path, "/static/app.3f2a1c9b04de.css"
	ETag        string // strong entity tag, `"<sha256 hex>"`
	ContentType string // "text/css; charset=utf-8"
	Data        []byte // the file's bytes; shared, do not modify

	gzipOnce sync.Once
	gzipData []byte
}

// Compressible reports whether the asset is worth compressing (text, not already compressed).
func (a *Asset) Compressible() bool {
	ct := a.ContentType
	return strings.HasPrefix(ct, "text/") || strings.HasPrefix(ct, "application/javascript") ||
		strings.HasPrefix(ct, "application/json") || strings.HasPrefix(ct, "image/svg+xml")
}

// Gzip returns the asset compressed with gzip at the best compression, computed on first use
// and kept; nil when the asset is not Compressible or compression would not make it smaller.
// Serve it with "Content-Encoding: gzip" and "Vary: Accept-Encoding" when the client accepts gzip.
func (a *Asset) Gzip() []byte {
	a.gzipOnce.Do(func() {
		if !a.Compressible() {
			return
		}
		var b bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression) // the level is valid: no error
		_, _ = zw.Write(a.Data)                                // a bytes.Buffer does not fail
		_ = zw.Close()
		if b.Len() < len(a.Data) {
			a.gzipData = b.Bytes()
		}
	})
	return a.gzipData
}

type assetIndex struct {
	byName map[string]*Asset // "static/app.css" -> asset
	byURL  map[string]*Asset // "/static/app.3f2a1c9b04de.css" -> asset
}

// assets is built once, at init: FS cannot change while the process runs.
var assets = mustIndex(FS)

func mustIndex(fsys fs.FS) *assetIndex {
	idx, err := indexAssets(fsys)
	if err != nil {
		panic(err) // FS is embedded: a failure here is a build defect, found by any test
	}
	return idx
}

// indexAssets hashes every file under static/ in fsys.
func indexAssets(fsys fs.FS) (*assetIndex, error) {
	idx := &assetIndex{byName: map[string]*Asset{}, byURL: map[string]*Asset{}}
	err := fs.WalkDir(fsys, "static", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		hexSum := hex.EncodeToString(sum[:])
		a := &Asset{
			Name:        name,
			URL:         "/" + hashedName(name, hexSum[:hashLen]),
			ETag:        `"` + hexSum + `"`,
			ContentType: contentType(name),
			Data:        data,
		}
		if other, dup := idx.byURL[a.URL]; dup {
			return fmt.Errorf("web: assets %s and %s have the same hashed URL %s", other.Name, name, a.URL)
		}
		idx.byName[name] = a
		idx.byURL[a.URL] = a
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("web: index static files: %w", err)
	}
	return idx, nil
}

// hashedName puts hash before the last extension of name's base:
// "static/app.css" -> "static/app.<hash>.css", "static/LICENSE" -> "static/LICENSE.<hash>".
func hashedName(name, hash string) string {
	dir, base := path.Split(name)
	if i := strings.LastIndexByte(base, '.'); i > 0 {
		return dir + base[:i] + "." + hash + base[i:]
	}
	return dir + base + "." + hash
}

var contentTypes = map[string]string{
	".css":   "text/css; charset=utf-8",
	".js":    "application/javascript; charset=utf-8",
	".json":  "application/json",
	".svg":   "image/svg+xml",
	".png":   "image/png",
	".ico":   "image/x-icon",
	".woff2": "font/woff2",
	".txt":   "text/plain; charset=utf-8",
	"":       "text/plain; charset=utf-8", // LICENSE, NOTICE, CHECKSUMS
}

// contentType does not depend on the host's mime.types for the common types, so that every
// machine serves the same headers.
func contentType(name string) string {
	ext := path.Ext(name)
	if ct, ok := contentTypes[ext]; ok {
		return ct
	}
	if ct := mime.TypeByExtension(ext); ct != "" {
		return ct
	}
	return "application/octet-stream"
}

// AssetPath returns the content-hashed URL path of a file under static/, for templates
// (as the "asset" function) and handlers: AssetPath("static/app.css") is
// "/static/app.3f2a1c9b04de.css". A leading "/" in name is ignored. It returns
// ErrUnknownAsset for a name that is not a file under static/, so that a template naming a
// missing file fails to execute instead of rendering a broken link.
func AssetPath(name string) (string, error) {
	a, ok := assets.byName[strings.TrimPrefix(name, "/")]
	if !ok {
		return "", fmt.Errorf("%w: %q", ErrUnknownAsset, name)
	}
	return a.URL, nil
}

// LookupAsset finds the asset served at a URL path. For a hashed URL (as AssetPath returns)
// immutable is true: the response may be cached for a year ("Cache-Control: public,
// max-age=31536000, immutable"). The plain path ("/static/app.css") is found too, with
// immutable false: serve it with "Cache-Control: no-cache" and the ETag, for links that
// cannot carry the hash (licence files, bookmarks). ok is false for anything else.
func LookupAsset(urlPath string) (a *Asset, immutable, ok bool) {
	if a, ok := assets.byURL[urlPath]; ok {
		return a, true, true
	}
	if a, ok := assets.byName[strings.TrimPrefix(urlPath, "/")]; ok {
		return a, false, true
	}
	return nil, false, false
}
