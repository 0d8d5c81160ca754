// Package auth holds accounts, roles, scopes and credentials: who may do what, on which sites and
// counties. It is pure apart from password hashing and random token generation.
package auth

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"time"

	"golang.org/x/crypto/bcrypt"

	"github.com/anju-cn/anju/internal/apperr"
)

// Role is an account's role.
type Role string

// Roles.
const (
	Admin      Role = "admin"      // everything
	County     Role = "county"     // one county: reads everything there, manages its sites
	Employment Role = "employment" // jobs, placements and workers of one county
	Site       Role = "site"       // registration for the sites in SiteIDs
)

// Roles lists every role.
var Roles = []Role{Admin, County, Employment, Site}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Label is the role's Chinese name.
func (r Role) Label() string {
	switch r {
	case Admin:
		return "系统管理员"
	case County:
		return "县级管理人员"
	case Employment:
		return "就业专员"
	case Site:
		return "安置点管理员"
	}
	return string(r)
}

// Permission names an action on a kind of resource. Every HTTP route declares exactly one.
type Permission string

// Permissions.
const (
	Public         Permission = "public"         // no token needed
	Authenticated  Permission = "authenticated"  // any signed-in user (me, password, logout)
	ReadReference  Permission = "reference:read" // division codes
	ReadSites      Permission = "sites:read"
	WriteSites     Permission = "sites:write"
	ReadHouseholds Permission = "households:read" // households and members
	WriteHousehold Permission = "households:write"
	ReadFullID     Permission = "idnumber:read" // unmasked ID numbers, audited
	ReadJobs       Permission = "jobs:read"     // employers, positions, placements, candidates, plans
	WriteJobs      Permission = "jobs:write"
	ReadAudit      Permission = "audit:read"
	WriteSettings  Permission = "settings:write" // a county's 公益性岗位 rules and minimum wage
	ManageUsers    Permission = "users:manage"
)

var rolePermissions = map[Role][]Permission{
	Admin: {Authenticated, ReadReference, ReadSites, WriteSites, ReadHouseholds, WriteHousehold, ReadFullID,
		ReadJobs, WriteJobs, ReadAudit, ManageUsers, WriteSettings},
	County:     {Authenticated, ReadReference, ReadSites, WriteSites, ReadHouseholds, ReadFullID, ReadJobs, ReadAudit, WriteSettings},
	Employment: {Authenticated, ReadReference, ReadSites, ReadHouseholds, ReadJobs, WriteJobs},
	Site:       {Authenticated, ReadReference, ReadSites, ReadHouseholds, WriteHousehold, ReadFullID, ReadJobs},
}

// Allows reports whether role r holds permission p. Public is allowed to everyone.
func (r Role) Allows(p Permission) bool {
	if p == Public {
		return true
	}
	return slices.Contains(rolePermissions[r], p)
}

// User is an account.
type User struct {
	ID           string
	Username     string
	DisplayName  string
	PasswordHash string
	Role         Role
	CountyCode   string   // scope of county, employment and site roles
	SiteIDs      []string // scope of the site role
	Disabled     bool
	Version      int
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Caller is the authenticated user of a request: who they are and what they may see.
type Caller struct {
	UserID     string
	Username   string
	Role       Role
	CountyCode string
	SiteIDs    []string
	SessionID  string
}

// CallerOf returns the caller for a user.
func CallerOf(u User, sessionID string) Caller {
	return Caller{UserID: u.ID, Username: u.Username, Role: u.Role, CountyCode: u.CountyCode,
		SiteIDs: slices.Clone(u.SiteIDs), SessionID: sessionID}
}

// System is the caller used by start-up tasks and the demo seeder.
var System = Caller{UserID: "system", Username: "system", Role: Admin}

// SeesAll reports whether the caller's scope is the whole system.
func (c Caller) SeesAll() bool { return c.Role == Admin }

// SeesCounty reports whether the caller may see everything of a county (not true for site managers,
// who see only their own sites even inside their county).
func (c Caller) SeesCounty(countyCode string) bool {
	if c.Role == Admin {
		return true
	}
	return (c.Role == County || c.Role == Employment) && c.CountyCode != "" && c.CountyCode == countyCode
}

// SeesSite reports whether the caller may see a site in the given county.
func (c Caller) SeesSite(siteID, countyCode string) bool {
	if c.Role == Site {
		return slices.Contains(c.SiteIDs, siteID)
	}
	return c.SeesCounty(countyCode)
}

type callerKey struct{}

// WithCaller returns ctx carrying c.
func WithCaller(ctx context.Context, c Caller) context.Context {
	return context.WithValue(ctx, callerKey{}, c)
}

// CallerFrom returns the caller in ctx and whether there is one.
func CallerFrom(ctx context.Context) (Caller, bool) {
	c, ok := ctx.Value(callerKey{}).(Caller)
	return c, ok
}

// HashPassword returns a bcrypt hash of the password.
func HashPassword(password string) (string, error) {
	b, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)
	return string(b), err
}

// dummyHash is compared against when a username does not exist, so that a login takes the same time
// whether or not the account exists.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("anju-dummy-password"), bcrypt.DefaultCost)

// CheckPassword reports whether password matches hash in constant time. An empty hash is compared
// against a dummy so that unknown users cost as much as known ones.
func CheckPassword(hash, password string) bool {
	if hash == "" {
		_ = bcrypt.CompareHashAndPassword(dummyHash, []byte(password))
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// NewToken returns a random bearer token (256 bits, URL-safe).
func NewToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// TokenID returns the storage key of a token: its SHA-256, so a database dump reveals no usable token.
func TokenID(token string) string {
	s := sha256.Sum256([]byte(token))
	return hex.EncodeToString(s[:])
}

// RandomPassword returns a random 16-character password for the bootstrap admin.
func RandomPassword() string {
	const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789"
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// CheckPasswordStrength returns a Chinese reason when a new password is too weak, or "".
func CheckPasswordStrength(p string) string {
	if len(p) < 10 {
		return "密码至少10位"
	}
	if len(p) > 72 {
		return "密码不能超过72个字节"
	}
	var lower, upper, digit bool
	for _, r := range p {
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= 'A' && r <= 'Z':
			upper = true
		case r >= '0' && r <= '9':
			digit = true
		}
	}
	n := 0
	for _, b := range []bool{lower, upper, digit} {
		if b {
			n++
		}
	}
	if n < 2 {
		return "密码须包含大写字母、小写字母、数字中的至少两类"
	}
	return ""
}

// Errors storage and the services return about accounts.
var (
	ErrUsernameTaken = &apperr.Error{Code: apperr.Conflict, Message: "用户名已存在",
		Fields: []apperr.FieldError{{Field: "username", Message: "用户名已存在"}}}
	ErrUserNotFound = apperr.New(apperr.NotFound, "用户不存在")
)

// Session is a stored login, keyed by the SHA-256 of its token.
type Session struct {
	ID        string
	UserID    string
	CreatedAt time.Time
	ExpiresAt time.Time
}
