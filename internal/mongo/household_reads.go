package mongo

import (
	"context"
	"regexp"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/household"
)

// householdReader answers every household read. Open picks one per backend, once: the in-memory
// read model on the embedded database (where the process is the database's only client), queries on
// real indexes on a MongoDB server. Writes call stored under the household's lock, after the write.
type householdReader interface {
	// get returns the stored household. Errors: not_found.
	get(ctx context.Context, id string) (*householdDoc, error)
	// list returns one page of the households matching f, in number order, and the total.
	list(ctx context.Context, f household.Filter) ([]*householdDoc, int, error)
	// each calls fn for every household matching f, in number order (paging ignored).
	each(ctx context.Context, f household.Filter, fn func(*householdDoc) error) error
	// occupancy sums resident households and people per site (all sites when siteIDs is nil).
	occupancy(ctx context.Context, siteIDs []string) (map[string]household.Occupancy, error)
	// stored tells the reader that doc was written.
	stored(doc householdDoc)
}

// queryReader reads households with database queries (MongoDB, or FerretDB without a read model).
type queryReader struct{ d *DB }

func (q queryReader) get(ctx context.Context, id string) (*householdDoc, error) {
	var doc householdDoc
	if err := q.d.c(colHouseholds).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&doc); err != nil {
		if err = mapErr(err, "get household"); apperr.Is(err, apperr.NotFound) {
			return nil, household.ErrHouseholdNotFound
		}
		return nil, err
	}
	return &doc, nil
}

func (q queryReader) list(ctx context.Context, f household.Filter) ([]*householdDoc, int, error) {
	filter := householdQuery(f)
	total, err := q.d.c(colHouseholds).CountDocuments(ctx, filter)
	if err != nil {
		return nil, 0, mapErr(err, "count households")
	}
	cur, err := q.d.c(colHouseholds).Find(ctx, filter, options.Find().SetSort(bson.D{{Key: "number", Value: 1}, {Key: "_id", Value: 1}}).
		SetSkip(int64(f.Page.Skip())).SetLimit(int64(f.Page.Limit())))
	if err != nil {
		return nil, 0, mapErr(err, "list households")
	}
	var docs []householdDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, 0, mapErr(err, "list households")
	}
	out := make([]*householdDoc, len(docs))
	for i := range docs {
		out[i] = &docs[i]
	}
	return out, int(total), nil
}

func (q queryReader) each(ctx context.Context, f household.Filter, fn func(*householdDoc) error) error {
	cur, err := q.d.c(colHouseholds).Find(ctx, householdQuery(f), options.Find().SetSort(bson.D{{Key: "number", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return mapErr(err, "scan households")
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var doc householdDoc
		if err := cur.Decode(&doc); err != nil {
			return mapErr(err, "scan households")
		}
		if err := fn(&doc); err != nil {
			return err
		}
	}
	return mapErr(cur.Err(), "scan households")
}

func (q queryReader) occupancy(ctx context.Context, siteIDs []string) (map[string]household.Occupancy, error) {
	return q.d.occupancyQuery(ctx, siteIDs)
}

func (queryReader) stored(householdDoc) {}

// householdQuery is the database filter with the same meaning as readModel's match.
func householdQuery(f household.Filter) bson.D {
	q := bson.D{}
	if f.SiteIDs != nil {
		q = append(q, bson.E{Key: "siteId", Value: bson.D{{Key: "$in", Value: f.SiteIDs}}})
	}
	if f.CountyCode != "" {
		q = append(q, bson.E{Key: "countyCode", Value: f.CountyCode})
	}
	if f.Status != "" {
		q = append(q, bson.E{Key: "status", Value: f.Status})
	}
	if f.ZeroEmployment {
		q = append(q, bson.E{Key: "zeroEmployment", Value: true})
	}
	if f.HouseholdType != "" {
		q = append(q, bson.E{Key: "householdType", Value: f.HouseholdType})
	}
	if f.IDs != nil {
		q = append(q, bson.E{Key: "_id", Value: bson.D{{Key: "$in", Value: f.IDs}}})
	}
	if f.IDNumber != "" {
		q = append(q, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: "members.idNumber", Value: f.IDNumber}},
			bson.D{{Key: "formerMembers.idNumber", Value: f.IDNumber}},
		}})
	}
	if p := f.Person; p != nil {
		q = append(q, bson.E{Key: "members", Value: bson.D{{Key: "$elemMatch", Value: bson.D{
			{Key: "name", Value: bson.Regex{Pattern: regexp.QuoteMeta(p.Name)}},
			{Key: "idNumber", Value: bson.Regex{Pattern: regexp.QuoteMeta(p.IDSuffix) + "$"}},
		}}}})
	}
	if f.Q != "" {
		re := bson.Regex{Pattern: regexp.QuoteMeta(f.Q)}
		q = append(q, bson.E{Key: "$or", Value: bson.A{
			bson.D{{Key: "number", Value: re}},
			bson.D{{Key: "unit", Value: re}},
			bson.D{{Key: "origin.village", Value: re}},
			bson.D{{Key: "members.name", Value: re}},
		}})
	}
	return q
}
