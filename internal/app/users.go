package app

import (
	"context"
	"fmt"
	"time"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/datefmt"
	"github.com/anju-cn/anju/internal/division"
	"github.com/anju-cn/anju/internal/page"
)

// Bootstrap creates the first admin account when there are no accounts. With an empty password a
// random one is generated and returned so that main can print it once; otherwise "" is returned.
// created says whether the account was made by this call: when accounts exist already, the password
// is not used. Errors: invalid when the given password breaks the password policy (nothing is
// created then).
func (a *Accounts) Bootstrap(ctx context.Context, password string) (generated string, created bool, err error) {
	n, err := a.store.CountUsers(ctx)
	if err != nil || n > 0 {
		return "", false, err
	}
	if password == "" {
		password = auth.RandomPassword()
		generated = password
	} else if r := auth.CheckPasswordStrength(password); r != "" {
		return "", false, &apperr.Error{Code: apperr.Invalid, Message: "首个管理员密码(ANJU_ADMIN_PASSWORD)不符合密码规则: " + r,
			Fields: []apperr.FieldError{{Field: "ANJU_ADMIN_PASSWORD", Message: r}}}
	}
	hash, err := auth.HashPassword(password)
	if err != nil {
		return "", false, apperr.Wrap(err, "hash password")
	}
	now := a.now()
	u := auth.User{Username: "admin", DisplayName: "系统管理员", PasswordHash: hash, Role: auth.Admin, CreatedAt: now, UpdatedAt: now}
	if err := a.store.CreateUser(ctx, &u); err != nil {
		if apperr.Is(err, apperr.Conflict) { // another instance was first
			return "", false, nil
		}
		return "", false, err
	}
	a.audit(ctx, auth.System, "create", "user", u.ID, "", "", nil, u, "bootstrap admin")
	return generated, true, nil
}

// ResetPassword sets a new password for an account as the system (the offline `anju passwd`
// command), revokes its sessions and clears its login lockouts. An empty password generates a random
// one, which is returned. Errors: not_found, invalid (weak password).
func (a *Accounts) ResetPassword(ctx context.Context, username, password string) (generated string, err error) {
	u, err := a.store.GetUserByName(ctx, auth.NormalizeUsername(username))
	if err != nil {
		return "", err
	}
	if password == "" {
		password = auth.RandomPassword()
		generated = password
	} else if r := auth.CheckPasswordStrength(password); r != "" {
		return "", &apperr.Error{Code: apperr.Invalid, Message: r, Fields: []apperr.FieldError{{Field: "password", Message: r}}}
	}
	if err := a.setPassword(ctx, &u, password); err != nil {
		return "", err
	}
	a.audit(ctx, auth.System, "reset-password", "user", u.ID, u.CountyCode, "", nil, nil, "anju passwd")
	return generated, nil
}

// Login checks a username and password and returns a new bearer token and the user. Repeated failures
// lock the username and the client address out for a while. Errors: unauthenticated (one message for
// unknown user, wrong password and disabled account), rate_limited.
func (a *Accounts) Login(ctx context.Context, username, password, client string) (string, auth.User, error) {
	if err := auth.ValidateLogin(&username, &password); err != nil {
		return "", auth.User{}, err
	}
	now := a.now()
	pair := username + "@" + client
	for _, l := range []struct {
		lim *LoginLimiter
		key string
	}{{a.limiter, pair}, {a.addrLimiter, client}} {
		if locked, until := l.lim.Locked(l.key, now); locked {
			return "", auth.User{}, apperr.Newf(apperr.RateLimited, "登录失败次数过多,请于%s后再试", until.In(cst).Format("15:04"))
		}
	}
	u, err := a.store.GetUserByName(ctx, username)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return "", auth.User{}, err
	}
	ok := auth.CheckPassword(u.PasswordHash, password) // constant cost even for unknown users
	if !ok || u.Disabled {
		a.limiter.Fail(pair, now)
		a.addrLimiter.Fail(client, now)
		a.log.Warn("login failed", "username", username, "client", client)
		return "", auth.User{}, apperr.New(apperr.Unauthenticated, "用户名或密码错误")
	}
	a.limiter.Reset(pair)
	token := auth.NewToken()
	s := auth.Session{ID: auth.TokenID(token), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(a.TokenTTL)}
	if err := a.store.CreateSession(ctx, s); err != nil {
		return "", auth.User{}, err
	}
	a.audit(ctx, auth.CallerOf(u, s.ID), "login", "user", u.ID, u.CountyCode, "", nil, nil, client)
	return token, u, nil
}

// cst is China Standard Time, for messages users read.
var cst = time.FixedZone("CST", 8*3600)

// Authenticate returns the caller of a bearer token. Errors: unauthenticated when the token is
// unknown, expired or revoked, or the user is disabled.
func (a *Accounts) Authenticate(ctx context.Context, token string) (auth.Caller, error) {
	bad := apperr.New(apperr.Unauthenticated, "登录已失效,请重新登录")
	if token == "" || len(token) > 200 {
		return auth.Caller{}, bad
	}
	s, err := a.store.GetSession(ctx, auth.TokenID(token))
	if err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return auth.Caller{}, bad
		}
		return auth.Caller{}, err
	}
	if !a.now().Before(s.ExpiresAt) {
		_ = a.store.DeleteSession(ctx, s.ID)
		return auth.Caller{}, bad
	}
	u, err := a.store.GetUser(ctx, s.UserID)
	if err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return auth.Caller{}, bad
		}
		return auth.Caller{}, err
	}
	if u.Disabled {
		return auth.Caller{}, bad
	}
	return auth.CallerOf(u, s.ID), nil
}

// Logout revokes the caller's current token.
func (a *Accounts) Logout(ctx context.Context) error {
	c, err := caller(ctx)
	if err != nil {
		return err
	}
	if err := a.store.DeleteSession(ctx, c.SessionID); err != nil {
		return err
	}
	a.audit(ctx, c, "logout", "user", c.UserID, c.CountyCode, "", nil, nil, "")
	return nil
}

// Me returns the caller's account.
func (a *Accounts) Me(ctx context.Context) (auth.User, error) {
	c, err := require(ctx, auth.Authenticated)
	if err != nil {
		return auth.User{}, err
	}
	return a.store.GetUser(ctx, c.UserID)
}

// NewUser is an account to create.
type NewUser = auth.NewUser

func (a *core) validateScope(ctx context.Context, role auth.Role, county string, siteIDs []string, f *apperr.Fields) {
	if !role.Valid() {
		f.Add("role", "角色应为 admin、county、employment 或 site")
		return
	}
	if role != auth.Admin && !division.IsCounty(county) {
		f.Add("countyCode", "请填写有效的县级行政区划代码")
	}
	if role == auth.Site && len(siteIDs) == 0 {
		f.Add("siteIds", "安置点管理员至少需要一个安置点")
	}
	for i, id := range siteIDs {
		s, err := a.store.GetSite(ctx, id)
		if err != nil {
			f.Add(fmt.Sprintf("siteIds[%d]", i), "安置点不存在")
		} else if s.CountyCode != county {
			f.Add(fmt.Sprintf("siteIds[%d]", i), "安置点不在该账号所属县")
		}
	}
}

// CreateUser creates an account (admin only). Errors: invalid, conflict (username taken), forbidden.
func (a *Accounts) CreateUser(ctx context.Context, n NewUser) (auth.User, error) {
	c, err := require(ctx, auth.ManageUsers)
	if err != nil {
		return auth.User{}, err
	}
	var f apperr.Fields
	if err := auth.ValidateNewUser(&n); err != nil {
		f = append(f, apperr.As(err).Fields...)
	}
	if n.Role == auth.Admin {
		n.CountyCode, n.SiteIDs = "", nil
	}
	a.validateScope(ctx, n.Role, n.CountyCode, n.SiteIDs, &f)
	if err := f.Err(); err != nil {
		return auth.User{}, err
	}
	hash, err := auth.HashPassword(n.Password)
	if err != nil {
		return auth.User{}, apperr.Wrap(err, "hash password")
	}
	now := a.now()
	u := auth.User{Username: n.Username, DisplayName: n.DisplayName, PasswordHash: hash, Role: n.Role,
		CountyCode: n.CountyCode, SiteIDs: n.SiteIDs, CreatedAt: now, UpdatedAt: now}
	if err := a.store.CreateUser(ctx, &u); err != nil {
		return auth.User{}, err
	}
	a.audit(ctx, c, "create", "user", u.ID, u.CountyCode, "", nil, u, "")
	return u, nil
}

// ListUsers returns one page of accounts by username (admin only). Errors: forbidden.
func (a *Accounts) ListUsers(ctx context.Context, r page.Request) (page.Of[auth.User], error) {
	if _, err := require(ctx, auth.ManageUsers); err != nil {
		return page.Of[auth.User]{}, err
	}
	return a.store.ListUsers(ctx, r)
}

// UserPatch changes an account; nil means unchanged. Password resets the password.
type UserPatch = auth.UserPatch

// UpdateUser changes an account (admin only). Disabling it or resetting its password revokes its
// tokens. Errors: invalid, not_found, conflict (stale version), forbidden.
func (a *Accounts) UpdateUser(ctx context.Context, id string, p UserPatch) (auth.User, error) {
	c, err := require(ctx, auth.ManageUsers)
	if err != nil {
		return auth.User{}, err
	}
	if err := auth.ValidateUserPatch(&p); err != nil {
		return auth.User{}, err
	}
	u, err := a.store.GetUser(ctx, id)
	if err != nil {
		return auth.User{}, err
	}
	if p.Version != u.Version {
		return auth.User{}, apperr.New(apperr.Conflict, "账号已被他人修改,请刷新后重试")
	}
	before := u
	setIf(&u.DisplayName, p.DisplayName)
	setIf(&u.Role, p.Role)
	setIf(&u.CountyCode, p.CountyCode)
	setIf(&u.SiteIDs, p.SiteIDs)
	setIf(&u.Disabled, p.Disabled)
	var f apperr.Fields
	if u.ID == c.UserID && (u.Disabled || u.Role != auth.Admin) {
		f.Add("role", "不能停用自己的账号或取消自己的管理员角色")
	}
	if u.Role == auth.Admin {
		u.CountyCode, u.SiteIDs = "", nil
	}
	a.validateScope(ctx, u.Role, u.CountyCode, u.SiteIDs, &f)
	revoke := u.Disabled && !before.Disabled
	if p.Password != nil {
		if r := auth.CheckPasswordStrength(*p.Password); r != "" {
			f.Add("password", r)
		} else if u.PasswordHash, err = auth.HashPassword(*p.Password); err != nil {
			return auth.User{}, apperr.Wrap(err, "hash password")
		}
		revoke = true
	}
	if err := f.Err(); err != nil {
		return auth.User{}, err
	}
	u.UpdatedAt = a.now()
	if err := a.store.UpdateUser(ctx, &u); err != nil {
		return auth.User{}, err
	}
	if revoke || before.Role != u.Role {
		if err := a.store.DeleteUserSessions(ctx, u.ID); err != nil {
			return auth.User{}, err
		}
	}
	a.audit(ctx, c, "update", "user", u.ID, u.CountyCode, "", before, u, "")
	return u, nil
}

// ChangePassword changes the caller's own password; the old one is required. Every token of the
// user is revoked, and a new one is returned. Errors: invalid (weak password), unauthenticated (wrong old password).
func (a *Accounts) ChangePassword(ctx context.Context, oldPassword, newPassword string) (string, error) {
	c, err := require(ctx, auth.Authenticated)
	if err != nil {
		return "", err
	}
	if err := auth.ValidatePasswordChange(oldPassword, newPassword); err != nil {
		return "", err
	}
	u, err := a.store.GetUser(ctx, c.UserID)
	if err != nil {
		return "", err
	}
	if !auth.CheckPassword(u.PasswordHash, oldPassword) {
		return "", &apperr.Error{Code: apperr.Invalid, Message: "原密码错误",
			Fields: []apperr.FieldError{{Field: "oldPassword", Message: "原密码错误"}}}
	}
	if r := auth.CheckPasswordStrength(newPassword); r != "" {
		return "", &apperr.Error{Code: apperr.Invalid, Message: r, Fields: []apperr.FieldError{{Field: "newPassword", Message: r}}}
	}
	if err := a.setPassword(ctx, &u, newPassword); err != nil {
		return "", err
	}
	a.audit(ctx, c, "change-password", "user", u.ID, u.CountyCode, "", nil, nil, "")
	token := auth.NewToken()
	now := a.now()
	if err := a.store.CreateSession(ctx, auth.Session{ID: auth.TokenID(token), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(a.TokenTTL)}); err != nil {
		return "", err
	}
	return token, nil
}

// ListAudit returns audit entries, newest first: all for admins, their county's for county users;
// f.Archived searches the archive instead. Errors: forbidden, invalid for a malformed date.
func (a *AuditLog) ListAudit(ctx context.Context, f audit.Filter) (page.Of[audit.Entry], error) {
	c, err := require(ctx, auth.ReadAudit)
	if err != nil {
		return page.Of[audit.Entry]{}, err
	}
	var fe apperr.Fields
	for _, d := range []struct {
		field string
		t     time.Time
	}{{"from", f.From}, {"to", f.To}} {
		if datefmt.IsMalformed(d.t) {
			fe.Add(d.field, datefmt.MsgFormat)
		}
	}
	if err := queryErr(fe); err != nil {
		return page.Of[audit.Entry]{}, err
	}
	if !c.SeesAll() {
		if f.CountyCode != "" && f.CountyCode != c.CountyCode {
			return page.Of[audit.Entry]{}, errOutOfScope
		}
		f.CountyCode = c.CountyCode
	}
	return a.store.ListAudit(ctx, f)
}

// setPassword hashes and saves a new password for u and revokes all of u's sessions.
// Errors: conflict (someone changed the account in between), internal.
func (a *Accounts) setPassword(ctx context.Context, u *auth.User, password string) error {
	hash, err := auth.HashPassword(password)
	if err != nil {
		return apperr.Wrap(err, "hash password")
	}
	u.PasswordHash, u.UpdatedAt = hash, a.now()
	if err := a.store.UpdateUser(ctx, u); err != nil {
		return err
	}
	return a.store.DeleteUserSessions(ctx, u.ID)
}
