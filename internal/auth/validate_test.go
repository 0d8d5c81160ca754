package auth

import (
	"strings"
	"testing"

	"github.com/anju-cn/anju/internal/apperr"
)

func fieldsOf(err error) map[string]string {
	out := map[string]string{}
	if err != nil {
		for _, f := range apperr.As(err).Fields {
			out[f.Field] = f.Message
		}
	}
	return out
}

func TestNormalizeUsername(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Admin", "admin"}, {"  Wang.Li-01 ", "wang.li-01"}, {"ZHANG_SAN\u3000", "zhang_san"}, {"", ""},
	}
	for _, tt := range tests {
		if got := NormalizeUsername(tt.in); got != tt.want {
			t.Errorf("NormalizeUsername(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	for s, want := range map[string]bool{"abc": true, "a.b_c-9": true, "ab": false, strings.Repeat("a", 33): false,
		strings.Repeat("a", 32): true, "Abc": false, "王五六": false, "a b": false, "a@b": false} {
		if got := ValidUsername(s); got != want {
			t.Errorf("ValidUsername(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestValidateNewUser(t *testing.T) {
	good := NewUser{Username: " Site.Manager ", DisplayName: " 王芳 ", Password: "Anju2026pass", Role: " site",
		CountyCode: "140524", SiteIDs: []string{" s1 "}}
	u := good
	if err := ValidateNewUser(&u); err != nil {
		t.Fatalf("refused: %v", fieldsOf(err))
	}
	if u.Username != "site.manager" || u.DisplayName != "王芳" || u.Role != Site || u.SiteIDs[0] != "s1" || u.Password != good.Password {
		t.Fatalf("not normalised: %+v", u)
	}
	tests := []struct {
		name  string
		edit  func(u *NewUser)
		field string
		want  string
	}{
		{"no username", func(u *NewUser) { u.Username = " " }, "username", "请填写用户名"},
		{"short username", func(u *NewUser) { u.Username = "ab" }, "username", "3到32位"},
		{"long username", func(u *NewUser) { u.Username = strings.Repeat("a", 33) }, "username", "3到32位"},
		{"Chinese username", func(u *NewUser) { u.Username = "王芳芳" }, "username", "小写字母"},
		{"username NUL", func(u *NewUser) { u.Username = "ab\x00c" }, "username", "用户名含有不可见控制字符"},
		{"display name 31", func(u *NewUser) { u.DisplayName = strings.Repeat("王", 31) }, "displayName", "不能超过30个字"},
		{"display name control", func(u *NewUser) { u.DisplayName = "王\u202e芳" }, "displayName", "姓名含有"},
		{"no password", func(u *NewUser) { u.Password = "" }, "password", "请填写密码"},
		{"password 129 bytes", func(u *NewUser) { u.Password = "Aa1" + strings.Repeat("x", 126) }, "password", "不能超过128个字节"},
		{"password 73 bytes", func(u *NewUser) { u.Password = "Aa1" + strings.Repeat("x", 70) }, "password", "72个字节"},
		{"weak password", func(u *NewUser) { u.Password = "abcdefghijk" }, "password", "至少两类"},
		{"password NUL", func(u *NewUser) { u.Password = "Anju2026\x00pass" }, "password", "密码含有"},
		{"password spaces are not trimmed, refused", func(u *NewUser) { u.Password = " Anju2026pass" }, "password", "密码含有"},
		{"no role", func(u *NewUser) { u.Role = "" }, "role", "请选择角色"},
		{"role lists", func(u *NewUser) { u.Role = "king" }, "role", "admin、county、employment、site"},
		{"county 5", func(u *NewUser) { u.CountyCode = "14052" }, "countyCode", "6位数字"},
		{"51 sites", func(u *NewUser) { u.SiteIDs = make([]string, 51) }, "siteIds", "最多50项"},
		{"empty site id", func(u *NewUser) { u.SiteIDs = []string{"s1", ""} }, "siteIds[1]", "请填写"},
		{"duplicate site id", func(u *NewUser) { u.SiteIDs = []string{"s1", "s1"} }, "siteIds[1]", "重复"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := good
			u.SiteIDs = append([]string(nil), good.SiteIDs...)
			tt.edit(&u)
			got := fieldsOf(ValidateNewUser(&u))
			if msg, ok := got[tt.field]; !ok || !strings.Contains(msg, tt.want) {
				t.Errorf("field %s: got %q (all %v), want %q", tt.field, msg, got, tt.want)
			}
		})
	}
}

func TestValidateUserPatch(t *testing.T) {
	s := func(v string) *string { return &v }
	name := " 李四 "
	p := UserPatch{Version: 2, DisplayName: &name}
	if err := ValidateUserPatch(&p); err != nil || name != "李四" {
		t.Fatalf("refused or not cleaned: %v %q", err, name)
	}
	role := Role("king")
	ids := []string{""}
	tests := []struct {
		p     UserPatch
		field string
		want  string
	}{
		{UserPatch{}, "version", "版本号"},
		{UserPatch{Version: 1, DisplayName: s(strings.Repeat("王", 31))}, "displayName", "不能超过30个字"},
		{UserPatch{Version: 1, Role: &role}, "role", "角色应为"},
		{UserPatch{Version: 1, CountyCode: s("x")}, "countyCode", "6位数字"},
		{UserPatch{Version: 1, SiteIDs: &ids}, "siteIds[0]", "请填写"},
		{UserPatch{Version: 1, Password: s("short")}, "password", "至少10位"},
		{UserPatch{Version: 1, Password: s(strings.Repeat("A1", 65))}, "password", "128"},
	}
	for _, tt := range tests {
		if msg := fieldsOf(ValidateUserPatch(&tt.p))[tt.field]; !strings.Contains(msg, tt.want) {
			t.Errorf("%s: got %q, want %q", tt.field, msg, tt.want)
		}
	}
}

func TestValidateLoginAndPasswordChange(t *testing.T) {
	u, p := " Admin ", "whatever"
	if err := ValidateLogin(&u, &p); err != nil || u != "admin" {
		t.Fatalf("login refused or not normalised: %v %q", err, u)
	}
	tests := []struct{ user, pass, field, want string }{
		{"", "x", "username", "请填写用户名"},
		{strings.Repeat("a", 65), "x", "username", "不能超过64"},
		{"a\x00", "x", "username", "控制字符"},
		{"admin", "", "password", "请填写密码"},
		{"admin", strings.Repeat("x", 129), "password", "不能超过128"},
	}
	for _, tt := range tests {
		user, pass := tt.user, tt.pass
		if msg := fieldsOf(ValidateLogin(&user, &pass))[tt.field]; !strings.Contains(msg, tt.want) {
			t.Errorf("login %q: %s = %q, want %q", tt.user, tt.field, msg, tt.want)
		}
	}
	if err := ValidatePasswordChange("old", "Anju2026pass"); err != nil {
		t.Fatalf("change refused: %v", err)
	}
	for _, tt := range []struct{ old, new, field, want string }{
		{"", "Anju2026pass", "oldPassword", "请填写原密码"},
		{strings.Repeat("x", 129), "Anju2026pass", "oldPassword", "128"},
		{"old", "", "newPassword", "请填写密码"},
		{"old", "weakweakweak", "newPassword", "至少两类"},
		{"old", strings.Repeat("Ab", 65), "newPassword", "128"},
	} {
		if msg := fieldsOf(ValidatePasswordChange(tt.old, tt.new))[tt.field]; !strings.Contains(msg, tt.want) {
			t.Errorf("change: %s = %q, want %q", tt.field, msg, tt.want)
		}
	}
}
