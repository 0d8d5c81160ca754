package http

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/datefmt"
	"github.com/anju-cn/anju/internal/page"
)

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// bind decodes a JSON body strictly into dst: the content type must be JSON; unknown fields,
// duplicate keys, keys in the wrong case (checkKeys) and trailing data are refused. It checks no
// rule: the services do, for every front end alike. Errors: malformed (400) for unreadable bodies,
// invalid (422) for wrong types, naming the field.
func bind(c *fiber.Ctx, dst any) error {
	if ct := c.Get(fiber.HeaderContentType); !strings.HasPrefix(strings.ToLower(ct), fiber.MIMEApplicationJSON) {
		return apperr.New(apperr.Malformed, "请求须为JSON格式(Content-Type: application/json)")
	}
	// The raw body: c.Body() would inflate a compressed one (refuseEncodedBody refuses those first).
	body := c.Request().Body()
	if err := checkKeys(body, reflect.TypeOf(dst)); err != nil {
		return err
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		return decodeError(err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return apperr.New(apperr.Malformed, "请求体在JSON对象之后还有多余内容")
	}
	return nil
}

func decodeError(err error) error {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.Is(err, io.EOF):
		return apperr.New(apperr.Malformed, "请求体为空")
	case errors.As(err, &syn):
		return apperr.Newf(apperr.Malformed, "JSON格式错误(第%d字节附近)", syn.Offset)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return apperr.New(apperr.Malformed, "JSON不完整")
	case errors.As(err, &typ):
		field := typ.Field
		if field == "" {
			field = "(根)"
		}
		return &apperr.Error{Code: apperr.Invalid, Message: "字段类型错误",
			Fields: []apperr.FieldError{{Field: field, Message: "应为" + jsonKind(typ.Type.Kind())}}}
	case strings.HasPrefix(err.Error(), "json: unknown field "):
		name := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
		return &apperr.Error{Code: apperr.Malformed, Message: "请求包含未知字段: " + name,
			Fields: []apperr.FieldError{{Field: name, Message: "未知字段"}}}
	}
	var ae *apperr.Error
	if errors.As(err, &ae) {
		return ae
	}
	return apperr.New(apperr.Malformed, "JSON格式错误")
}

func jsonKind(k reflect.Kind) string {
	switch k {
	case reflect.String:
		return "字符串"
	case reflect.Bool:
		return "true或false"
	case reflect.Int, reflect.Int64, reflect.Int32, reflect.Float64:
		return "数字"
	case reflect.Slice:
		return "数组"
	case reflect.Struct, reflect.Map:
		return "对象"
	}
	return k.String()
}

// parseDate reads a "2026-03-01" date the way every front end does (datefmt.Value): "" is the zero
// time, anything unreadable is datefmt.Malformed, which the domain validators report on the field.
func parseDate(s string) time.Time { return datefmt.Value(s) }

// fmtDate formats a date as "2026-03-01"; the zero time as "".
func fmtDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// queryInt reads an integer query parameter; def when absent. Errors: invalid naming the parameter.
func queryInt(c *fiber.Ctx, name string, def, min, max int) (int, error) {
	s := c.Query(name)
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < min || n > max {
		return 0, &apperr.Error{Code: apperr.Invalid, Message: "查询参数错误",
			Fields: []apperr.FieldError{{Field: name, Message: fmt.Sprintf("应为%d到%d之间的整数", min, max)}}}
	}
	return n, nil
}

// queryBool reads an optional true/false query parameter. Errors: invalid naming the parameter.
func queryBool(c *fiber.Ctx, name string) (*bool, error) {
	switch c.Query(name) {
	case "":
		return nil, nil
	case "true":
		t := true
		return &t, nil
	case "false":
		f := false
		return &f, nil
	}
	return nil, &apperr.Error{Code: apperr.Invalid, Message: "查询参数错误",
		Fields: []apperr.FieldError{{Field: name, Message: "应为true或false"}}}
}

// pageOf reads ?page= and ?pageSize= (default 20, max 200). Errors: invalid naming the parameter.
func pageOf(c *fiber.Ctx) (page.Request, error) {
	p, err := queryInt(c, "page", 1, 1, 1_000_000)
	if err != nil {
		return page.Request{}, err
	}
	size, err := queryInt(c, "pageSize", page.DefaultSize, 1, page.MaxSize)
	return page.Request{Page: p, Size: size}, err
}

type list[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

// respond answers one page of items, each converted with out, with the total.
func respond[T, J any](c *fiber.Ctx, p page.Of[T], out func(T) J) error {
	return c.JSON(list[J]{Items: mapAll(p.Items, out), Total: p.Total})
}

// byParam answers a GET of one record: get loads it by the named path parameter (and applies the
// caller's scope), out converts it to its JSON shape.
func byParam[T, J any](param string, get func(context.Context, string) (T, error), out func(T) J) fiber.Handler {
	return func(c *fiber.Ctx) error {
		v, err := get(c.UserContext(), c.Params(param))
		if err != nil {
			return err
		}
		return c.JSON(out(v))
	}
}

// mapAll converts every item with out, for list responses.
func mapAll[T, J any](items []T, out func(T) J) []J {
	res := make([]J, 0, len(items))
	for _, it := range items {
		res = append(res, out(it))
	}
	return res
}

// mapPtr returns f(*p) as a pointer, or nil when p is nil: an optional field of a PATCH request
// becomes the service's optional value.
func mapPtr[T, U any](p *T, f func(T) U) *U {
	if p == nil {
		return nil
	}
	v := f(*p)
	return &v
}

// convPtr converts an optional string of a request to an optional value of a string type.
func convPtr[U ~string](p *string) *U {
	return mapPtr(p, func(s string) U { return U(s) })
}
