package http

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/apperr"
)

// FuzzBind feeds arbitrary bodies to the strict JSON decoder behind every write route: whatever the
// input, the answer is success or a 400/422 with an error body, never a panic or a 500.
func FuzzBind(f *testing.F) {
	for _, s := range []string{
		`{"siteId":"s1","origin":{"countyCode":"140524"},"relocationYear":2018,"moveInDate":"2018-10-01","phone":"13912345678","householdType":"一般脱贫户","members":[{"name":"王","idNumber":"11010519491231002X","relation":"户主","ethnicity":"汉族","education":"小学","health":"健康","laborCapacity":"普通劳动力"}]}`,
		`{"siteId": 1}`, `{"members":[{}]}`, `[]`, `null`, `{"a":1}`, `{"siteId":"x"} {}`, `{"moveInDate":"2018-02-30"}`,
		`{"members":[{"skills":[1,2]}]}`, "\x00", `{"siteId":"\ud800"}`,
		`{"siteId":"a","siteId":"b"}`, `{"SITEID":"a"}`, `{"members":[{"Name":"x"},{"name":"a","name":"b"}]}`,
		`{"origin":{"countyCode":"1","county\u0043ode":"2"}}`, `{"members":[{"\u017fkills":[]}]}`, `[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
	} {
		f.Add(s)
	}
	app := fiber.New(fiber.Config{ErrorHandler: (&Server{Log: slog.New(slog.DiscardHandler)}).handleError})
	app.Post("/", func(c *fiber.Ctx) error {
		var r householdRequest
		if err := bind(c, &r); err != nil {
			return err
		}
		_ = r.toHousehold()
		return c.SendStatus(fiber.StatusOK)
	})
	f.Fuzz(func(t *testing.T, body string) {
		req := httptest.NewRequest("POST", "/", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		resp, err := app.Test(req, -1)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		switch resp.StatusCode {
		case 200, 400, 422:
		default:
			t.Fatalf("body %q: status %d", body, resp.StatusCode)
		}
	})
}

// FuzzCheckKeys fuzzes the key scanner on its own: it never panics; what it accepts is valid JSON
// (the first value decodes), and what it accepts for a struct decodes into it with no unknown field;
// valid JSON is refused only for a duplicate key or deep nesting (without a type) or, with one, for a
// key that is not exactly a json name.
func FuzzCheckKeys(f *testing.F) {
	for _, s := range []string{
		`{}`, `[]`, `1`, `"x"`, `{"a":1,"a":2}`, `{"a":{"b":[{"c":1},{"c":1,"c":2}]}}`, `{"a" 1}`, `{"a":1,}`, `[1,]`,
		`{"siteId":"s","members":[{"name":"x","skills":["a"]}]}`, `{"SiteId":"s"}`, `{"members":[{"Name":"x"}]}`,
		`{"a\u0000":1,"a":2}`, "{\"\xff\":1,\"\xfe\":2}", `{"siteId":"a"} x`, `1E1000`, `[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]`,
	} {
		f.Add(s)
	}
	household := reflect.TypeFor[householdRequest]()
	f.Fuzz(func(t *testing.T, body string) {
		data := []byte(body)
		var v any
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.UseNumber() // 1E1000 is valid JSON, beyond float64
		validErr := dec.Decode(&v)
		untyped := checkKeys(data, nil)
		if untyped == nil && validErr != nil {
			t.Fatalf("%q: accepted, but does not decode: %v", body, validErr)
		}
		if untyped != nil && validErr == nil {
			var ae *apperr.Error
			if !errors.As(untyped, &ae) || ae.Code != apperr.Malformed ||
				!strings.HasPrefix(ae.Message, "请求包含重复字段") && !strings.HasPrefix(ae.Message, "JSON嵌套超过") {
				t.Fatalf("%q: valid JSON refused: %v", body, untyped)
			}
		}
		typed := checkKeys(data, household)
		if typed == nil {
			if untyped != nil {
				t.Fatalf("%q: accepted for householdRequest, refused untyped: %v", body, untyped)
			}
			var r householdRequest
			dec := json.NewDecoder(bytes.NewReader(data))
			dec.DisallowUnknownFields()
			err := dec.Decode(&r)
			var syn *json.SyntaxError
			if errors.As(err, &syn) || err != nil && strings.Contains(err.Error(), "unknown field") {
				t.Fatalf("%q: accepted for householdRequest, but decoding says %v", body, err)
			}
		}
	})
}
