package auth

import (
	"fmt"
	"strings"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/check"
	"github.com/anju-cn/anju/internal/text"
)

// Limits of account fields.
const (
	MinUsername      = 3
	MaxUsername      = 32
	MaxLoginUsername = 64 // what a login form may send; longer is refused before any lookup
	MaxPassword      = 128
	MaxDisplayName   = 30
	MaxSiteIDs       = 50
)

// NormalizeUsername returns the stored form of a username: surrounding white space removed and
// lower case, so that usernames are unique and matched without regard to case.
func NormalizeUsername(s string) string {
	c, _ := text.Clean(s)
	return strings.ToLower(c)
}

// ValidUsername reports whether s (already normalised) is 3 to 32 characters of a-z, 0-9, "_", "."
// and "-".
func ValidUsername(s string) bool {
	if len(s) < MinUsername || len(s) > MaxUsername {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-') {
			return false
		}
	}
	return true
}

const msgUsername = "用户名应为3到32位小写字母、数字、下划线、点或连字符(大写字母按小写保存)"

// checkPassword applies the password policy to a new password: required, at most MaxPassword bytes,
// no control characters or broken encoding (a password is never trimmed or altered), and
// CheckPasswordStrength.
func checkPassword(f *apperr.Fields, path, p string) bool {
	switch {
	case p == "":
		f.Add(path, "请填写密码")
	case len(p) > MaxPassword:
		f.Add(path, fmt.Sprintf("密码不能超过%d个字节", MaxPassword))
	case !cleanSecret(p):
		f.Add(path, "密码"+text.MsgBadChars)
	default:
		if r := CheckPasswordStrength(p); r != "" {
			f.Add(path, r)
			return false
		}
		return true
	}
	return false
}

// cleanSecret reports whether a secret is acceptable text as it stands (no trimming).
func cleanSecret(p string) bool {
	c, ok := text.Clean(p)
	return ok && c == p
}

// NewUser is an account to create (the fields of app.NewUser, so that one converts to the other).
type NewUser struct {
	Username, DisplayName, Password string
	Role                            Role
	CountyCode                      string
	SiteIDs                         []string
}

// ValidateNewUser checks and normalises an account to create: the username (NormalizeUsername, then
// ValidUsername), a display name of at most 30 characters, the password policy (at most 128 bytes,
// CheckPasswordStrength), a listed role, a 6-digit county code when given, at most 50 site ids of at
// most 40 characters each, none twice. Whether the county and sites exist and fit the role is the
// service's check. Errors: Invalid listing every field error.
func ValidateNewUser(u *NewUser) error {
	var f apperr.Fields
	if c, ok := text.Clean(u.Username); !ok {
		f.Add("username", "用户名"+text.MsgBadChars)
	} else if u.Username = strings.ToLower(c); u.Username == "" {
		f.Add("username", "请填写用户名")
	} else if !ValidUsername(u.Username) {
		f.Add("username", msgUsername)
	}
	check.Text(&f, "displayName", "姓名", &u.DisplayName, 0, MaxDisplayName)
	checkPassword(&f, "password", u.Password)
	check.Listed(&f, "role", "角色", &u.Role, Roles)
	check.Digits(&f, "countyCode", "县级行政区划代码", &u.CountyCode, 6, false)
	checkSiteIDs(&f, u.SiteIDs)
	return f.Err()
}

func checkSiteIDs(f *apperr.Fields, ids []string) {
	check.List(f, "siteIds", "安置点id", ids, MaxSiteIDs, 40)
}

// UserPatch changes an account; nil means unchanged (the fields of app.UserPatch, so that one converts
// to the other).
type UserPatch struct {
	Version     int
	DisplayName *string
	Role        *Role
	CountyCode  *string
	SiteIDs     *[]string
	Disabled    *bool
	Password    *string
}

// ValidateUserPatch checks and cleans an account change: the version (at least 1), and each field
// given as for ValidateNewUser. Errors: Invalid listing every field error.
func ValidateUserPatch(p *UserPatch) error {
	var f apperr.Fields
	check.Version(&f, p.Version)
	if p.DisplayName != nil {
		check.Text(&f, "displayName", "姓名", p.DisplayName, 0, MaxDisplayName)
	}
	if p.Role != nil {
		check.Listed(&f, "role", "角色", p.Role, Roles)
	}
	if p.CountyCode != nil {
		check.Digits(&f, "countyCode", "县级行政区划代码", p.CountyCode, 6, false)
	}
	if p.SiteIDs != nil {
		checkSiteIDs(&f, *p.SiteIDs)
	}
	if p.Password != nil {
		checkPassword(&f, "password", *p.Password)
	}
	return f.Err()
}

// ValidateLogin bounds a login before any lookup: a username (normalised in place with
// NormalizeUsername) of at most 64 characters and a password of at most 128 bytes, both required.
// It says nothing about whether the account exists. Errors: Invalid naming username or password.
func ValidateLogin(username, password *string) error {
	var f apperr.Fields
	c, ok := text.Clean(*username)
	switch {
	case !ok:
		f.Add("username", "用户名"+text.MsgBadChars)
	case c == "":
		f.Add("username", "请填写用户名")
	case len(c) > MaxLoginUsername:
		f.Add("username", fmt.Sprintf("用户名不能超过%d个字符", MaxLoginUsername))
	default:
		*username = strings.ToLower(c)
	}
	switch {
	case *password == "":
		f.Add("password", "请填写密码")
	case len(*password) > MaxPassword:
		f.Add("password", fmt.Sprintf("密码不能超过%d个字节", MaxPassword))
	}
	return f.Err()
}

// ValidatePasswordChange checks a change of one's own password: the old password required and at most
// 128 bytes, the new one by the password policy. Whether the old one is right is the service's check.
// Errors: Invalid naming oldPassword or newPassword.
func ValidatePasswordChange(oldPassword, newPassword string) error {
	var f apperr.Fields
	switch {
	case oldPassword == "":
		f.Add("oldPassword", "请填写原密码")
	case len(oldPassword) > MaxPassword:
		f.Add("oldPassword", fmt.Sprintf("原密码不能超过%d个字节", MaxPassword))
	}
	checkPassword(&f, "newPassword", newPassword)
	return f.Err()
}
