package apperr

import (
	"errors"
	"fmt"
	"testing"
)

func TestCodes(t *testing.T) {
	if CodeOf(nil) != "" || CodeOf(errors.New("x")) != Internal || CodeOf(New(Conflict, "冲突")) != Conflict {
		t.Fatal("CodeOf")
	}
	wrapped := fmt.Errorf("layer: %w", New(NotFound, "不存在"))
	if !Is(wrapped, NotFound) || As(wrapped).Message != "不存在" {
		t.Fatal("codes survive wrapping")
	}
	cause := errors.New("driver: connection refused")
	w := Wrap(cause, "get household")
	if CodeOf(w) != Internal || As(w).Message != "内部错误" || !errors.Is(w, cause) {
		t.Fatalf("Wrap: %v", w)
	}
	if Wrap(New(Invalid, "x"), "op").(*Error).Code != Invalid || Wrap(nil, "op") != nil {
		t.Fatal("Wrap keeps coded errors and nil")
	}
}

func TestFields(t *testing.T) {
	var f Fields
	if f.Err() != nil {
		t.Fatal("no field errors is no error")
	}
	f.Add("phone", "联系电话应为11位手机号码")
	f.Add("members[0].idNumber", "身份证号码校验位错误")
	err := As(f.Err())
	if err.Code != Invalid || len(err.Fields) != 2 || err.Fields[1].Field != "members[0].idNumber" {
		t.Fatalf("Fields.Err: %+v", err)
	}
}
