package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/page"
)

type userDoc struct {
	ID           string    `bson:"_id"`
	Username     string    `bson:"username"`
	DisplayName  string    `bson:"displayName,omitempty"`
	PasswordHash string    `bson:"passwordHash"`
	Role         string    `bson:"role"`
	CountyCode   string    `bson:"countyCode,omitempty"`
	SiteIDs      []string  `bson:"siteIds,omitempty"`
	Disabled     bool      `bson:"disabled"`
	Version      int       `bson:"version"`
	CreatedAt    time.Time `bson:"createdAt"`
	UpdatedAt    time.Time `bson:"updatedAt"`
}

func userToDoc(u *auth.User) userDoc {
	return userDoc{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, PasswordHash: u.PasswordHash,
		Role: string(u.Role), CountyCode: u.CountyCode, SiteIDs: u.SiteIDs, Disabled: u.Disabled,
		Version: u.Version, CreatedAt: u.CreatedAt, UpdatedAt: u.UpdatedAt}
}

func (d userDoc) toUser() auth.User {
	return auth.User{ID: d.ID, Username: d.Username, DisplayName: d.DisplayName, PasswordHash: d.PasswordHash,
		Role: auth.Role(d.Role), CountyCode: d.CountyCode, SiteIDs: d.SiteIDs, Disabled: d.Disabled,
		Version: d.Version, CreatedAt: d.CreatedAt.UTC(), UpdatedAt: d.UpdatedAt.UTC()}
}

// CreateUser stores a new account. The user id is "u:" + username, so that a username is claimed by
// an _id insert, atomic on every backend. Errors: conflict when the username exists.
func (d *DB) CreateUser(ctx context.Context, u *auth.User) error {
	u.ID = "u:" + u.Username
	u.Version = 1
	_, err := d.c(colUsers).InsertOne(ctx, userToDoc(u))
	if err != nil {
		err = mapErr(err, "create user")
		if apperr.Is(err, apperr.Conflict) {
			return auth.ErrUsernameTaken
		}
	}
	return err
}

// GetUser returns an account by id; not_found when there is none.
func (d *DB) GetUser(ctx context.Context, id string) (auth.User, error) {
	var doc userDoc
	if err := findByID(ctx, d, colUsers, id, &doc); err != nil {
		err = mapErr(err, "get user")
		if apperr.Is(err, apperr.NotFound) {
			return auth.User{}, auth.ErrUserNotFound
		}
		return auth.User{}, err
	}
	return doc.toUser(), nil
}

// GetUserByName returns an account by username; not_found when there is none.
func (d *DB) GetUserByName(ctx context.Context, username string) (auth.User, error) {
	return d.GetUser(ctx, "u:"+username)
}

// CountUsers returns how many accounts exist.
func (d *DB) CountUsers(ctx context.Context) (int, error) {
	return d.countWhere(ctx, colUsers, bson.D{})
}

// ListUsers returns one page of accounts ordered by username, and the total.
func (d *DB) ListUsers(ctx context.Context, r page.Request) (page.Of[auth.User], error) {
	return findPage(ctx, d, colUsers, bson.D{}, r, bson.D{{Key: "username", Value: 1}}, userDoc.toUser)
}

// UpdateUser saves an account whose Version is the one last read; conflict when someone saved in between.
func (d *DB) UpdateUser(ctx context.Context, u *auth.User) error {
	prev := u.Version
	u.Version++
	if err := d.casReplace(ctx, colUsers, u.ID, prev, userToDoc(u)); err != nil {
		u.Version = prev
		return err
	}
	return nil
}

type sessionDoc struct {
	ID        string    `bson:"_id"` // SHA-256 of the token
	UserID    string    `bson:"userId"`
	CreatedAt time.Time `bson:"createdAt"`
	ExpiresAt time.Time `bson:"expiresAt"`
}

// CreateSession stores a session keyed by the token's hash.
func (d *DB) CreateSession(ctx context.Context, s auth.Session) error {
	_, err := d.c(colSessions).InsertOne(ctx, sessionDoc{ID: s.ID, UserID: s.UserID, CreatedAt: s.CreatedAt, ExpiresAt: s.ExpiresAt})
	return mapErr(err, "create session")
}

// GetSession returns a session by id; not_found when there is none.
func (d *DB) GetSession(ctx context.Context, id string) (auth.Session, error) {
	var doc sessionDoc
	if err := findByID(ctx, d, colSessions, id, &doc); err != nil {
		return auth.Session{}, mapErr(err, "get session")
	}
	return auth.Session{ID: doc.ID, UserID: doc.UserID, CreatedAt: doc.CreatedAt.UTC(), ExpiresAt: doc.ExpiresAt.UTC()}, nil
}

// DeleteSession removes one session.
func (d *DB) DeleteSession(ctx context.Context, id string) error {
	_, err := d.c(colSessions).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}})
	return mapErr(err, "delete session")
}

// DeleteUserSessions removes every session of a user (logout everywhere, disabling, password change).
func (d *DB) DeleteUserSessions(ctx context.Context, userID string) error {
	return d.deleteWhere(ctx, colSessions, bson.D{{Key: "userId", Value: userID}})
}

// DeleteExpiredSessions removes sessions that expired before now.
func (d *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) error {
	return d.deleteWhere(ctx, colSessions, bson.D{{Key: "expiresAt", Value: bson.D{{Key: "$lt", Value: now}}}})
}
