package http

import (
	"bytes"
	"encoding"
	"encoding/json"
	"reflect"
	"strconv"
	"strings"
	"sync"

	"github.com/anju-cn/anju/internal/apperr"
)

// maxDepth bounds how deeply a request body may nest objects and arrays; no request shape comes
// close, and the bound keeps a body of 1 MiB of "[" from costing a deep recursion.
const maxDepth = 32

// checkKeys reads the first JSON value of data token by token, alongside t, the type it decodes
// into, and refuses what encoding/json would silently accept: a key that appears twice in one
// object (json keeps the last) and a key that is not exactly one of a struct's json names (json
// matches "SITEID" to siteId, and folds Unicode: "ſkills" to skills). Unknown keys are refused
// here too, so that each is named by its full path. Objects decoded into maps, interfaces or
// types with their own UnmarshalJSON are checked for duplicates only. t may be nil.
// Errors: malformed (400) naming the key by its path, e.g. "members[1].name"; syntax errors as
// decodeError reports them.
func checkKeys(data []byte, t reflect.Type) error {
	s := keyScanner{dec: json.NewDecoder(bytes.NewReader(data))}
	s.dec.UseNumber()
	return s.value(t, "", 0)
}

type keyScanner struct{ dec *json.Decoder }

func (s *keyScanner) value(t reflect.Type, path string, depth int) error {
	tok, err := s.dec.Token()
	if err != nil {
		return decodeError(err)
	}
	delim, ok := tok.(json.Delim)
	if !ok {
		return nil // a scalar
	}
	if depth >= maxDepth {
		return apperr.Newf(apperr.Malformed, "JSON嵌套超过%d层", maxDepth)
	}
	t = shape(t)
	switch delim {
	case '{':
		if err := s.object(t, path, depth); err != nil {
			return err
		}
	case '[':
		var elem reflect.Type
		if t != nil && (t.Kind() == reflect.Slice || t.Kind() == reflect.Array) {
			elem = t.Elem()
		}
		for i := 0; s.dec.More(); i++ {
			if err := s.value(elem, path+"["+strconv.Itoa(i)+"]", depth+1); err != nil {
				return err
			}
		}
	}
	if _, err := s.dec.Token(); err != nil { // the closing delimiter
		return decodeError(err)
	}
	return nil
}

// object checks the keys of an object whose "{" has been read, up to its last value.
func (s *keyScanner) object(t reflect.Type, path string, depth int) error {
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
	seen := map[string]bool{}
	for s.dec.More() {
		tok, err := s.dec.Token()
		if err != nil {
			return decodeError(err)
		}
		key, ok := tok.(string)
		if !ok {
			return apperr.New(apperr.Malformed, "JSON格式错误")
		}
		p := key
		if path != "" {
			p = path + "." + key
		}
		if seen[key] {
			return &apperr.Error{Code: apperr.Malformed, Message: "请求包含重复字段: " + p,
				Fields: []apperr.FieldError{{Field: p, Message: "字段重复"}}}
		}
		seen[key] = true
		next := elem
		if fields != nil {
			ft, ok := fields[key]
			if !ok {
				return unknownKey(fields, p, key)
			}
			next = ft
		}
		if err := s.value(next, p, depth+1); err != nil {
			return err
		}
	}
	return nil
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
