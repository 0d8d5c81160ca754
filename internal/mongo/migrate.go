package mongo

import (
	"context"
	"crypto/sha256"
	"fmt"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
)

// CollectionCopy is what Migrate did to one collection and what it found when it checked.
type CollectionCopy struct {
	Collection           string
	Source, Target       int    // documents on each side after the copy
	Removed              int    // documents on the target that the source no longer has
	SourceSum, TargetSum string // checksums: XOR of the SHA-256 of every document's BSON
	Matches              bool
}

// Migrate copies every collection of d (and of its audit archive) to target, which was opened with
// its indexes: each document is written with an upsert by _id, so a second run converges on the
// source instead of failing, and documents the target holds that the source does not (sessions that
// ended since the last run) are removed. Then it counts and checksums both sides per collection.
// The source must not change meanwhile (stop the service first). progress, when not nil, is called
// every 1,000 documents. Errors: internal; a mismatch is reported in the result, not as an error.
func (d *DB) Migrate(ctx context.Context, target *DB, progress func(col string, n int)) ([]CollectionCopy, error) {
	type pair struct {
		src, dst *DB
		col      string
	}
	var out []CollectionCopy
	var pairs []pair
	for _, c := range allCollections {
		pairs = append(pairs, pair{d, target, c})
	}
	sa, err := d.archive(ctx)
	if err != nil {
		return nil, err
	}
	ta, err := target.archive(ctx)
	if err != nil {
		return nil, err
	}
	pairs = append(pairs, pair{sa, ta, colAudit})
	for _, p := range pairs {
		name := p.col
		if p.src == sa {
			name = p.col + ArchiveSuffix
		}
		r, err := copyCollection(ctx, p.src.c(p.col), p.dst.c(p.col), func(n int) {
			if progress != nil {
				progress(name, n)
			}
		})
		if err != nil {
			return out, fmt.Errorf("migrate %s: %w", name, err)
		}
		r.Collection = name
		out = append(out, r)
	}
	return out, nil
}

func copyCollection(ctx context.Context, src, dst coll, progress func(int)) (CollectionCopy, error) {
	var r CollectionCopy
	cur, err := src.Find(ctx, bson.D{})
	if err != nil {
		return r, err
	}
	defer cur.Close(ctx)
	seen := map[string]bool{}
	var sum [32]byte
	var batch []mongo.WriteModel
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		_, err := dst.BulkWrite(ctx, batch, options.BulkWrite().SetOrdered(false))
		batch = batch[:0]
		return err
	}
	for cur.Next(ctx) {
		raw := append(bson.Raw(nil), cur.Current...)
		id := raw.Lookup("_id")
		seen[id.String()] = true
		xorHash(&sum, raw)
		batch = append(batch, mongo.NewReplaceOneModel().SetFilter(bson.D{{Key: "_id", Value: id}}).SetReplacement(raw).SetUpsert(true))
		r.Source++
		if len(batch) == 500 {
			if err := flush(); err != nil {
				return r, err
			}
		}
		if r.Source%1000 == 0 {
			progress(r.Source)
		}
	}
	if err := cur.Err(); err != nil {
		return r, err
	}
	if err := flush(); err != nil {
		return r, err
	}
	// Verify: count and checksum the target, removing what the source no longer holds.
	tc, err := dst.Find(ctx, bson.D{})
	if err != nil {
		return r, err
	}
	defer tc.Close(ctx)
	var tsum [32]byte
	var extra []bson.RawValue
	for tc.Next(ctx) {
		id := tc.Current.Lookup("_id")
		if !seen[id.String()] {
			extra = append(extra, id)
			continue
		}
		xorHash(&tsum, tc.Current)
		r.Target++
	}
	if err := tc.Err(); err != nil {
		return r, err
	}
	for _, id := range extra {
		if _, err := dst.DeleteOne(ctx, bson.D{{Key: "_id", Value: id}}); err != nil {
			return r, err
		}
		r.Removed++
	}
	r.SourceSum, r.TargetSum = fmt.Sprintf("%x", sum[:8]), fmt.Sprintf("%x", tsum[:8])
	r.Matches = r.Source == r.Target && sum == tsum
	return r, nil
}

func xorHash(acc *[32]byte, raw []byte) {
	h := sha256.Sum256(raw)
	for i := range acc {
		acc[i] ^= h[i]
	}
}
