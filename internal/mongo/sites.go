package mongo

import (
	"context"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/household"
)

// CreateSite stores a new site, assigning its id when empty.
func (d *DB) CreateSite(ctx context.Context, s *household.Site) error {
	if s.ID == "" {
		s.ID = newID("s")
	}
	s.Version = 1
	_, err := d.c(colSites).InsertOne(ctx, siteToDoc(s))
	return mapErr(err, "create site")
}

// GetSite returns a site; not_found when there is none.
func (d *DB) GetSite(ctx context.Context, id string) (household.Site, error) {
	var doc siteDoc
	if err := findByID(ctx, d, colSites, id, &doc); err != nil {
		if apperr.Is(mapErr(err, "get site"), apperr.NotFound) {
			return household.Site{}, household.ErrSiteNotFound
		}
		return household.Site{}, mapErr(err, "get site")
	}
	return doc.toSite(), nil
}

// ListSites returns the sites of a county ("" for all), restricted to ids when ids is not nil,
// ordered by name.
func (d *DB) ListSites(ctx context.Context, countyCode string, ids []string) ([]household.Site, error) {
	filter := bson.D{}
	if countyCode != "" {
		filter = append(filter, bson.E{Key: "countyCode", Value: countyCode})
	}
	if ids != nil {
		filter = append(filter, bson.E{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}})
	}
	cur, err := d.c(colSites).Find(ctx, filter, options.Find().SetSort(bson.D{{Key: "name", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, mapErr(err, "list sites")
	}
	var docs []siteDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, mapErr(err, "list sites")
	}
	out := make([]household.Site, 0, len(docs))
	for _, doc := range docs {
		out = append(out, doc.toSite())
	}
	return out, nil
}

// UpdateSite saves a site whose Version is the version last read; conflict when someone saved in between.
func (d *DB) UpdateSite(ctx context.Context, s *household.Site) error {
	prev := s.Version
	s.Version++
	if err := d.casReplace(ctx, colSites, s.ID, prev, siteToDoc(s)); err != nil {
		s.Version = prev
		return err
	}
	return nil
}

// Occupancy returns resident households and people per site id (all sites when siteIDs is nil).
// It sums in Go over a projection: FerretDB v1 computes only the first accumulator of a $group
// correctly (a second $sum comes back 0, measured), so one $group cannot count both.
func (d *DB) Occupancy(ctx context.Context, siteIDs []string) (map[string]household.Occupancy, error) {
	return d.households.occupancy(ctx, siteIDs)
}

// occupancyQuery sums resident households and people per site with one projected scan.
func (d *DB) occupancyQuery(ctx context.Context, siteIDs []string) (map[string]household.Occupancy, error) {
	match := bson.D{{Key: "status", Value: household.StatusResident}}
	if siteIDs != nil {
		match = append(match, bson.E{Key: "siteId", Value: bson.D{{Key: "$in", Value: siteIDs}}})
	}
	cur, err := d.c(colHouseholds).Find(ctx, match, options.Find().SetProjection(bson.D{{Key: "siteId", Value: 1}, {Key: "people", Value: 1}}))
	if err != nil {
		return nil, mapErr(err, "occupancy")
	}
	defer cur.Close(ctx)
	out := map[string]household.Occupancy{}
	for cur.Next(ctx) {
		var r struct {
			SiteID string `bson:"siteId"`
			People int    `bson:"people"`
		}
		if err := cur.Decode(&r); err != nil {
			return nil, mapErr(err, "occupancy")
		}
		o := out[r.SiteID]
		o.Households++
		o.People += r.People
		out[r.SiteID] = o
	}
	return out, mapErr(cur.Err(), "occupancy")
}
