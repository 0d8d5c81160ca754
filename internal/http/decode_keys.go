package http

import (
	"bytes"
	"encoding"
	"encoding/json"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/anju-cn/anju/internal/apperr"
)

// maxDepth bounds how deeply a request body may nest objects and arrays; no request shape comes
// close, and the bound keeps a body of 1 MiB of "[" from costing a deep recursion.
const maxDepth = 32

// checkKeys reads the first JSON value of data alongside t, the type it decodes into, and refuses
// what encoding/json would silently accept: a key that appears twice in one object (json keeps the
// last) and a key that is not exactly one of a struct's json names (json matches "SITEID" to siteId,
// and folds Unicode: "ſkills" to skills). Unknown keys are refused here too, so that each is named by
// its full path. Objects decoded into maps, interfaces or types with their own UnmarshalJSON are
// checked for duplicates only. t may be nil. The value is first read whole by encoding/json (which
// reports syntax errors as the decoder would), then walked byte by byte: a few milliseconds per MiB.
// Errors: malformed (400) naming the key by its path, e.g. "members[1].name"; syntax errors as
// decodeError reports them.
func checkKeys(data []byte, t reflect.Type) error {
	var raw json.RawMessage
	if err := json.NewDecoder(bytes.NewReader(data)).Decode(&raw); err != nil {
		return decodeError(err)
	}
	w := keyWalker{data: raw}
	return w.value(t, "", 0)
}

// keyWalker walks one syntactically valid JSON value (checked by encoding/json before).
type keyWalker struct {
	data []byte
	i    int
}

func (w *keyWalker) space() {
	for w.i < len(w.data) {
		switch w.data[w.i] {
		case ' ', '\t', '\n', '\r':
			w.i++
		default:
			return
		}
	}
}

// next is the byte at the walker after white space, 0 at the end.
func (w *keyWalker) next() byte {
	w.space()
	if w.i >= len(w.data) {
		return 0
	}
	return w.data[w.i]
}

// str skips the string starting at the walker and returns it with its quotes.
func (w *keyWalker) str() []byte {
	start := w.i
	for w.i++; w.i < len(w.data); w.i++ {
		switch w.data[w.i] {
		case '\\':
			w.i++
		case '"':
			w.i++
			return w.data[start:w.i]
		}
	}
	return w.data[start:]
}

func (w *keyWalker) value(t reflect.Type, path string, depth int) error {
	switch w.next() {
	case '{', '[':
		if depth >= maxDepth {
			return apperr.Newf(apperr.Malformed, "JSON嵌套超过%d层", maxDepth)
		}
		if w.data[w.i] == '{' {
			return w.object(shape(t), path, depth)
		}
		return w.array(shape(t), path, depth)
	case '"':
		w.str()
	default: // a number, true, false or null
		for ; w.i < len(w.data); w.i++ {
			switch w.data[w.i] {
			case ',', ']', '}', ' ', '\t', '\n', '\r':
				return nil
			}
		}
	}
	return nil
}

// container reports whether an object or array starts at the walker, whose path is then worth
// building.
func (w *keyWalker) container() bool {
	c := w.next()
	return c == '{' || c == '['
}

func (w *keyWalker) array(t reflect.Type, path string, depth int) error {
	var elem reflect.Type
	if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
		elem = t.Elem()
	}
	w.i++ // [
	if w.next() == ']' {
		w.i++
		return nil
	}
	for n := 0; ; n++ {
		p := ""
		if w.container() {
			p = path + "[" + strconv.Itoa(n) + "]"
		}
		if err := w.value(elem, p, depth+1); err != nil {
			return err
		}
		c := w.next()
		w.i++
		if c != ',' {
			return nil // ]
		}
	}
}

func (w *keyWalker) object(t reflect.Type, path string, depth int) error {
	var fields map[string]reflect.Type // exact json names, for a struct
	var elem reflect.Type              // the value type, for a map
	if t != nil {
		switch t.Kind() {
		case reflect.Struct:
			fields = jsonFields(t)
		case reflect.Map:
			elem = t.Elem()
		}
	}
	w.i++ // {
	if w.next() == '}' {
		w.i++
		return nil
	}
	var seen []string
	var seenMany map[string]bool // past a few keys
	for {
		w.next()
		key, err := keyOf(w.str())
		if err != nil {
			return err
		}
		w.next()
		w.i++ // :
		dup := false
		if seenMany != nil {
			dup = seenMany[key]
			seenMany[key] = true
		} else {
			dup = slices.Contains(seen, key)
			if seen = append(seen, key); len(seen) > 8 {
				seenMany = map[string]bool{}
				for _, k := range seen {
					seenMany[k] = true
				}
			}
		}
		ft, known := fields[key]
		p := key
		if path != "" && (dup || fields != nil && !known || w.container()) {
			p = path + "." + key // built only to be reported or passed down
		}
		if dup {
			return &apperr.Error{Code: apperr.Malformed, Message: "请求包含重复字段: " + p,
				Fields: []apperr.FieldError{{Field: p, Message: "字段重复"}}}
		}
		next := elem
		if fields != nil {
			if !known {
				return unknownKey(fields, p, key)
			}
			next = ft
		}
		if err := w.value(next, p, depth+1); err != nil {
			return err
		}
		c := w.next()
		w.i++
		if c != ',' {
			return nil // }
		}
	}
}

// keyOf is the key a quoted JSON string spells, as encoding/json reads it (escapes resolved,
// invalid UTF-8 replaced).
func keyOf(quoted []byte) (string, error) {
	plain := len(quoted) >= 2
	for _, b := range quoted {
		if b == '\\' || b >= utf8.RuneSelf {
			plain = false
			break
		}
	}
	if plain {
		return string(quoted[1 : len(quoted)-1]), nil
	}
	var key string
	if err := json.Unmarshal(quoted, &key); err != nil {
		return "", apperr.New(apperr.Malformed, "JSON格式错误")
	}
	return key, nil
}

// unknownKey names a key that is not one of the struct's json names, and the name it was probably
// meant to be when they differ only in case.
func unknownKey(fields map[string]reflect.Type, path, key string) error {
	for name := range fields {
		if strings.EqualFold(name, key) {
			return &apperr.Error{Code: apperr.Malformed, Message: "字段名大小写不符: " + path + "(应为" + name + ")",
				Fields: []apperr.FieldError{{Field: path, Message: "字段名应为" + name}}}
		}
	}
	return &apperr.Error{Code: apperr.Malformed, Message: "请求包含未知字段: " + path,
		Fields: []apperr.FieldError{{Field: path, Message: "未知字段"}}}
}

var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// shape is the type whose keys are checked: t without pointers, or nil when nothing is known about
// them (an interface, or a type that decodes itself).
func shape(t reflect.Type) reflect.Type {
	for t != nil && t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t == nil || t.Kind() == reflect.Interface {
		return nil
	}
	p := reflect.PointerTo(t)
	if t.Implements(jsonUnmarshaler) || p.Implements(jsonUnmarshaler) || t.Implements(textUnmarshaler) || p.Implements(textUnmarshaler) {
		return nil
	}
	return t
}

var fieldCache sync.Map // reflect.Type -> map[string]reflect.Type

// jsonFields maps the json names of struct t to their types, as encoding/json names them: the tag's
// name or the Go name, exported fields only, fields of untagged embedded structs promoted (outer
// names win), "-" skipped. Never nil.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	if m, ok := fieldCache.Load(t); ok {
		return m.(map[string]reflect.Type)
	}
	m := map[string]reflect.Type{}
	var promoted []map[string]reflect.Type
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			if ft := f.Type; ft.Kind() == reflect.Struct || ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct {
				if ft.Kind() == reflect.Pointer {
					ft = ft.Elem()
				}
				promoted = append(promoted, jsonFields(ft))
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		m[name] = f.Type
	}
	for _, p := range promoted {
		for name, ft := range p {
			if _, ok := m[name]; !ok {
				m[name] = ft
			}
		}
	}
	fieldCache.Store(t, m)
	return m
}
