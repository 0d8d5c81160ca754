package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/audit"
	"github.com/anju-cn/anju/internal/page"
)

type changeDoc struct {
	Field  string `bson:"field"`
	Before string `bson:"before,omitempty"`
	After  string `bson:"after,omitempty"`
}

type auditDoc struct {
	ID         string      `bson:"_id"`
	At         time.Time   `bson:"at"`
	UserID     string      `bson:"userId"`
	Username   string      `bson:"username"`
	Action     string      `bson:"action"`
	Entity     string      `bson:"entity"`
	EntityID   string      `bson:"entityId"`
	CountyCode string      `bson:"countyCode,omitempty"`
	SiteID     string      `bson:"siteId,omitempty"`
	Changes    []changeDoc `bson:"changes,omitempty"`
	Note       string      `bson:"note,omitempty"`
}

func auditToDoc(e *audit.Entry) auditDoc {
	doc := auditDoc{ID: e.ID, At: e.At, UserID: e.UserID, Username: e.Username, Action: e.Action, Entity: e.Entity,
		EntityID: e.EntityID, CountyCode: e.CountyCode, SiteID: e.SiteID, Note: e.Note}
	for _, c := range e.Changes {
		doc.Changes = append(doc.Changes, changeDoc(c))
	}
	return doc
}

func (doc auditDoc) toEntry() audit.Entry {
	e := audit.Entry{ID: doc.ID, At: doc.At.UTC(), UserID: doc.UserID, Username: doc.Username, Action: doc.Action,
		Entity: doc.Entity, EntityID: doc.EntityID, CountyCode: doc.CountyCode, SiteID: doc.SiteID, Note: doc.Note}
	for _, c := range doc.Changes {
		e.Changes = append(e.Changes, audit.Change(c))
	}
	return e
}

// AddAudit stores an audit entry, giving it an id when it has none. Storing the same entry again is
// not an error, so a write whose answer was lost can be retried safely.
func (d *DB) AddAudit(ctx context.Context, e *audit.Entry) error {
	if e.ID == "" {
		e.ID = newID("a")
	}
	_, err := d.c(colAudit).InsertOne(context.WithoutCancel(ctx), auditToDoc(e))
	if err = mapErr(err, "audit"); apperr.Is(err, apperr.Conflict) {
		return nil // the same entry is stored already
	}
	return err
}

// ListAudit returns one page of audit entries, newest first, and the total.
func (d *DB) ListAudit(ctx context.Context, f audit.Filter) (page.Of[audit.Entry], error) {
	db := d
	if f.Archived {
		a, err := d.archive(ctx)
		if err != nil {
			return page.Of[audit.Entry]{}, err
		}
		db = a
	}
	return findPage(ctx, db, colAudit, auditQuery(f), f.Page, auditOrder, auditDoc.toEntry)
}

var auditOrder = bson.D{{Key: "at", Value: -1}, {Key: "_id", Value: 1}}

// auditQuery is the database filter of f (paging and Archived aside).
func auditQuery(f audit.Filter) bson.D {
	q := bson.D{}
	for _, kv := range [][2]string{{"entity", f.Entity}, {"entityId", f.EntityID}, {"countyCode", f.CountyCode},
		{"userId", f.UserID}, {"siteId", f.SiteID}} {
		if kv[1] != "" {
			q = append(q, bson.E{Key: kv[0], Value: kv[1]})
		}
	}
	var at bson.D
	if !f.From.IsZero() {
		at = append(at, bson.E{Key: "$gte", Value: f.From})
	}
	if !f.To.IsZero() {
		at = append(at, bson.E{Key: "$lt", Value: f.To})
	}
	if at != nil {
		q = append(q, bson.E{Key: "at", Value: at})
	}
	return q
}

// AddAuditBulk stores many audit entries at once (history generation, imports), giving ids to those
// without. Entries stored already are left as they are, so a bulk load can be rerun. Errors: internal.
func (d *DB) AddAuditBulk(ctx context.Context, es []audit.Entry) error {
	docs := make([]any, len(es))
	for i := range es {
		if es[i].ID == "" {
			es[i].ID = newID("a")
		}
		docs[i] = auditToDoc(&es[i])
	}
	return d.insertBulk(ctx, colAudit, docs)
}

// insertBulk inserts docs into col in batches of 1,000, unordered; duplicates are not errors.
func (d *DB) insertBulk(ctx context.Context, col string, docs []any) error {
	for len(docs) > 0 {
		batch := docs[:min(len(docs), 1000)]
		docs = docs[len(batch):]
		if _, err := d.c(col).InsertMany(ctx, batch, options.InsertMany().SetOrdered(false)); err != nil && !mongoAllDuplicates(err) {
			return mapErr(err, "insert "+col)
		}
	}
	return nil
}
