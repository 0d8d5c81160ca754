package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/anju-cn/anju/internal/apperr"
)

// AuditEntry records one change or one sensitive read: who, when, what entity, and which fields
// changed with their values before and after (ID numbers masked by the caller).
type AuditEntry struct {
	ID         string
	At         time.Time
	UserID     string
	Username   string
	Action     string // create, update, delete-like status changes, view-id, login...
	Entity     string // site, household, member, user, employer, position, placement
	EntityID   string
	CountyCode string
	SiteID     string
	Changes    []Change
	Note       string
}

// Change is one field's value before and after.
type Change struct {
	Field  string `bson:"field"`
	Before string `bson:"before,omitempty"`
	After  string `bson:"after,omitempty"`
}

type auditDoc struct {
	ID         string    `bson:"_id"`
	At         time.Time `bson:"at"`
	UserID     string    `bson:"userId"`
	Username   string    `bson:"username"`
	Action     string    `bson:"action"`
	Entity     string    `bson:"entity"`
	EntityID   string    `bson:"entityId"`
	CountyCode string    `bson:"countyCode,omitempty"`
	SiteID     string    `bson:"siteId,omitempty"`
	Changes    []Change  `bson:"changes,omitempty"`
	Note       string    `bson:"note,omitempty"`
}

// AddAudit stores an audit entry, giving it an id when it has none. Storing the same entry again is
// not an error, so a write whose answer was lost can be retried safely.
func (d *DB) AddAudit(ctx context.Context, e *AuditEntry) error {
	if e.ID == "" {
		e.ID = newID("a")
	}
	_, err := d.c(colAudit).InsertOne(context.WithoutCancel(ctx), auditDoc(*e))
	if err = mapErr(err, "audit"); apperr.Is(err, apperr.Conflict) {
		return nil // the same entry is stored already
	}
	return err
}

// AuditFilter selects audit entries.
type AuditFilter struct {
	Entity, EntityID, CountyCode string
	Page, PageSize               int
}

// ListAudit returns audit entries newest first and the total.
func (d *DB) ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, int, error) {
	q := bson.D{}
	if f.Entity != "" {
		q = append(q, bson.E{Key: "entity", Value: f.Entity})
	}
	if f.EntityID != "" {
		q = append(q, bson.E{Key: "entityId", Value: f.EntityID})
	}
	if f.CountyCode != "" {
		q = append(q, bson.E{Key: "countyCode", Value: f.CountyCode})
	}
	total, err := d.c(colAudit).CountDocuments(ctx, q)
	if err != nil {
		return nil, 0, mapErr(err, "count audit")
	}
	skip, limit := pageOf(f.Page, f.PageSize)
	cur, err := d.c(colAudit).Find(ctx, q, options.Find().SetSort(bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: 1}}).SetSkip(skip).SetLimit(limit))
	if err != nil {
		return nil, 0, mapErr(err, "list audit")
	}
	var docs []auditDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, 0, mapErr(err, "list audit")
	}
	out := make([]AuditEntry, 0, len(docs))
	for _, doc := range docs {
		e := AuditEntry(doc)
		e.At = e.At.UTC()
		out = append(out, e)
	}
	return out, int(total), nil
}
