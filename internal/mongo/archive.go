package mongo

import (
	"context"
	"errors"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/anju-cn/anju/internal/apperr"
)

// ArchiveSuffix names the audit archive's database: "<name>_archive", a file of its own
// (anju_archive.sqlite) on the embedded database, a database of its own on MongoDB.
const ArchiveSuffix = "_archive"

// archive returns the audit archive, opening it (and creating its collection and indexes) on first
// use. Errors: internal.
func (d *DB) archive(ctx context.Context) (*DB, error) {
	d.archiveMu.Lock()
	defer d.archiveMu.Unlock()
	if d.arch != nil {
		return d.arch, nil
	}
	name := d.db.Name() + ArchiveSuffix
	a := &DB{client: d.client, db: d.client.Database(name), kind: d.kind, where: d.where, log: d.log}
	a.households = queryReader{a}
	var ixs []index
	for _, ix := range indexes {
		if ix.col == colAudit {
			ixs = append(ixs, ix)
		}
	}
	if err := a.ensureIndexes(ctx, ixs); err != nil {
		return nil, apperr.Wrap(err, "archive indexes")
	}
	if d.sq != nil {
		if err := a.openSQLSide(ctx, d.where, name, []string{colAudit}); err != nil {
			return nil, apperr.Wrap(err, "archive sqlite")
		}
	}
	d.arch = a
	return a, nil
}

// ArchiveAudit moves the audit entries older than before into the archive, in batches: each batch is
// copied first (an entry already there is left as it is) and then removed from the trail. Nothing is
// ever deleted without its copy stored, so the command is safe to kill at any moment and to run
// again, which finishes what a killed run left. It returns how many entries it moved. progress, when
// not nil, is called after each batch. Errors: internal.
func (d *DB) ArchiveAudit(ctx context.Context, before time.Time, progress func(moved int)) (int, error) {
	a, err := d.archive(ctx)
	if err != nil {
		return 0, err
	}
	q := bson.D{{Key: "at", Value: bson.D{{Key: "$lt", Value: before}}}}
	moved := 0
	for {
		batch, err := d.oldestAudit(ctx, q, 500)
		if err != nil || len(batch) == 0 {
			return moved, err
		}
		docs := make([]any, len(batch))
		for i := range batch {
			docs[i] = batch[i]
		}
		_, err = a.c(colAudit).InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
		if err != nil && !mongoAllDuplicates(err) {
			return moved, mapErr(err, "archive audit")
		}
		for _, raw := range batch {
			id, _ := raw.Lookup("_id").StringValueOK()
			if _, err := d.c(colAudit).DeleteOne(ctx, bson.D{{Key: "_id", Value: id}}); err != nil {
				return moved, mapErr(err, "archive audit")
			}
		}
		if d.sq != nil {
			d.sq.forget()
		}
		moved += len(batch)
		if progress != nil {
			progress(moved)
		}
	}
}

// oldestAudit returns up to n whole audit entries matching q, as stored.
func (d *DB) oldestAudit(ctx context.Context, q bson.D, n int) ([]bson.Raw, error) {
	if where, args, ok := sqlWhere(q); ok && d.sq != nil {
		ids, err := d.sq.ids(ctx, colAudit, where, args, nil, 0, n)
		if err != nil {
			return nil, err
		}
		return byIDs[bson.Raw](ctx, d, colAudit, ids)
	}
	cur, err := d.c(colAudit).Find(ctx, q, options.Find().SetLimit(int64(n)))
	if err != nil {
		return nil, mapErr(err, "archive audit")
	}
	var out []bson.Raw
	if err := cur.All(ctx, &out); err != nil {
		return nil, mapErr(err, "archive audit")
	}
	return out, nil
}

// mongoAllDuplicates reports whether err is a bulk write whose only failures are duplicate keys:
// documents that are stored already.
func mongoAllDuplicates(err error) bool {
	var bwe mongo.BulkWriteException
	if !errors.As(err, &bwe) || bwe.WriteConcernError != nil || len(bwe.WriteErrors) == 0 {
		return false
	}
	for _, we := range bwe.WriteErrors {
		if we.Code != 11000 {
			return false
		}
	}
	return true
}
