package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// importDoc keeps one roster import job as the service's opaque record.
type importDoc struct {
	ID        string    `bson:"_id"`
	Data      []byte    `bson:"data"`
	UpdatedAt time.Time `bson:"updatedAt"`
}

// PutImport stores an import job's record under its id, replacing the one stored before (a plain
// write by _id: the service holds the only copy that changes). Errors: internal.
func (d *DB) PutImport(ctx context.Context, id string, data []byte) error {
	_, err := d.c(colImports).ReplaceOne(context.WithoutCancel(ctx), bson.D{{Key: "_id", Value: id}},
		importDoc{ID: id, Data: data, UpdatedAt: time.Now().UTC()}, options.Replace().SetUpsert(true))
	return mapErr(err, "put import")
}

// GetImport returns an import job's record. Errors: not_found, internal.
func (d *DB) GetImport(ctx context.Context, id string) ([]byte, error) {
	var doc importDoc
	if err := findByID(ctx, d, colImports, id, &doc); err != nil {
		return nil, mapErr(err, "get import")
	}
	return doc.Data, nil
}
