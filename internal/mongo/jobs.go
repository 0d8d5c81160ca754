package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
	"github.com/anju-cn/anju/internal/page"
)

// CreateEmployer stores an employer, assigning its id. Errors: conflict when the credit code exists.
func (d *DB) CreateEmployer(ctx context.Context, e *job.Employer) error {
	e.ID, e.Version = newID("e"), 1
	_, err := d.c(colEmployers).InsertOne(ctx, employerToDoc(e))
	if err = mapErr(err, "create employer"); apperr.Is(err, apperr.Conflict) {
		return job.ErrCreditCodeTaken
	}
	return err
}

// GetEmployer returns an employer; not_found when there is none.
func (d *DB) GetEmployer(ctx context.Context, id string) (job.Employer, error) {
	var doc employerDoc
	if err := findByID(ctx, d, colEmployers, id, &doc); err != nil {
		if err = mapErr(err, "get employer"); apperr.Is(err, apperr.NotFound) {
			return job.Employer{}, job.ErrEmployerNotFound
		}
		return job.Employer{}, err
	}
	return doc.toEmployer(), nil
}

// ListEmployers returns one page of employers (of a county, or all when CountyCode is ""), by name.
func (d *DB) ListEmployers(ctx context.Context, f job.EmployerFilter) (page.Of[job.Employer], error) {
	q := bson.D{}
	if f.CountyCode != "" {
		q = append(q, bson.E{Key: "countyCode", Value: f.CountyCode})
	}
	return findPage(ctx, d, colEmployers, q, f.Page, bson.D{{Key: "name", Value: 1}, {Key: "_id", Value: 1}}, employerDoc.toEmployer)
}

// UpdateEmployer saves an employer whose Version is the one last read. Errors: conflict, not_found.
func (d *DB) UpdateEmployer(ctx context.Context, e *job.Employer) error {
	prev := e.Version
	e.Version++
	if err := d.casReplace(ctx, colEmployers, e.ID, prev, employerToDoc(e)); err != nil {
		e.Version = prev
		return err
	}
	return nil
}

// CreatePosition stores a position with filled 0, assigning its id.
func (d *DB) CreatePosition(ctx context.Context, p *job.Position) error {
	p.ID, p.Version, p.Filled = newID("p"), 1, 0
	_, err := d.c(colPositions).InsertOne(ctx, positionToDoc(p))
	return mapErr(err, "create position")
}

// GetPosition returns a position; not_found when there is none.
func (d *DB) GetPosition(ctx context.Context, id string) (job.Position, error) {
	var doc positionDoc
	if err := findByID(ctx, d, colPositions, id, &doc); err != nil {
		if err = mapErr(err, "get position"); apperr.Is(err, apperr.NotFound) {
			return job.Position{}, job.ErrPositionNotFound
		}
		return job.Position{}, err
	}
	return doc.toPosition(), nil
}

func positionQuery(f job.PositionFilter) bson.D {
	q := bson.D{}
	for _, kv := range [][2]string{{"countyCode", f.CountyCode}, {"status", f.Status}, {"employerId", f.EmployerID}, {"channel", string(f.Channel)}} {
		if kv[1] != "" {
			q = append(q, bson.E{Key: kv[0], Value: kv[1]})
		}
	}
	return q
}

var positionOrder = bson.D{{Key: "employerName", Value: 1}, {Key: "title", Value: 1}, {Key: "_id", Value: 1}}

// ListPositions returns one page of positions, by employer name and title, and the total.
func (d *DB) ListPositions(ctx context.Context, f job.PositionFilter) (page.Of[job.Position], error) {
	return findPage(ctx, d, colPositions, positionQuery(f), f.Page, positionOrder, positionDoc.toPosition)
}

// EachPosition calls fn for every position matching f (paging ignored), in list order.
func (d *DB) EachPosition(ctx context.Context, f job.PositionFilter, fn func(job.Position) error) error {
	return each(ctx, d, colPositions, positionQuery(f), positionOrder, positionDoc.toPosition, fn)
}

// UpdatePosition saves a position whose Version is the one last read; Filled is kept as stored.
// Errors: conflict (someone saved or a placement took a slot in between), not_found.
func (d *DB) UpdatePosition(ctx context.Context, p *job.Position) error {
	prev := p.Version
	p.Version++
	if err := d.casReplace(ctx, colPositions, p.ID, prev, positionToDoc(p)); err != nil {
		p.Version = prev
		return err
	}
	return nil
}

var errPositionFull = job.ErrPositionFull

// takeSlot increments a position's filled count when it is open with an opening left. It reads the
// position and writes with a compare-and-set on its version, under the position's lock, retrying when
// another instance changed it in between. Errors: conflict when the position is full or closed.
func (d *DB) takeSlot(ctx context.Context, id string) error {
	return d.bumpFilled(ctx, id, +1)
}

// releaseSlot decrements a position's filled count (never below zero).
func (d *DB) releaseSlot(ctx context.Context, id string) error { return d.bumpFilled(ctx, id, -1) }

func (d *DB) bumpFilled(ctx context.Context, id string, delta int) error {
	for attempt := 0; attempt < 20; attempt++ {
		p, err := d.GetPosition(ctx, id)
		if err != nil {
			return err
		}
		if delta > 0 && (p.Status != job.PositionOpen || p.Filled >= p.Openings) {
			return errPositionFull
		}
		if delta < 0 && p.Filled == 0 {
			return nil
		}
		ok, err := d.casUpdate(ctx, colPositions, id, p.Version,
			bson.D{{Key: "$inc", Value: bson.D{{Key: "filled", Value: delta}, {Key: "version", Value: 1}}}})
		if err != nil || ok {
			return err
		}
	}
	return job.ErrPositionBusy
}

type claimDoc struct {
	ID    string    `bson:"_id"`
	Owner string    `bson:"owner"`
	At    time.Time `bson:"at"`
}

// claimKey inserts a claim document; conflict when the key is claimed already.
func (d *DB) claimKey(ctx context.Context, key, owner string) error {
	_, err := d.c(colClaims).InsertOne(ctx, claimDoc{ID: key, Owner: owner, At: time.Now().UTC()})
	return mapErr(err, "claim")
}

// releaseKey removes a claim held by owner.
func (d *DB) releaseKey(ctx context.Context, key, owner string) {
	ctx = context.WithoutCancel(ctx)
	var c claimDoc
	if err := d.c(colClaims).FindOne(ctx, bson.D{{Key: "_id", Value: key}}).Decode(&c); err != nil || c.Owner != owner {
		return
	}
	if _, err := d.c(colClaims).DeleteOne(ctx, bson.D{{Key: "_id", Value: key}}); err != nil {
		d.log.Error("release claim", "key", key, "err", err) // the repair pass removes it later
	}
}

// GetSettings returns a county's settings, or the provincial defaults when it has none.
func (d *DB) GetSettings(ctx context.Context, county string) (job.Settings, error) {
	var doc settingsDoc
	err := d.c(colSettings).FindOne(ctx, bson.D{{Key: "_id", Value: "county:" + county}}).Decode(&doc)
	if err != nil {
		if err = mapErr(err, "settings"); apperr.Is(err, apperr.NotFound) {
			return job.DefaultSettings(county), nil
		}
		return job.Settings{}, err
	}
	return job.Settings{CountyCode: county, LocalMinWage: doc.LocalMinWage, Weights: doc.Weights, Version: doc.Version, UpdatedAt: doc.UpdatedAt.UTC(),
		Welfare: labor.WelfareRules{AgeMin: doc.WelfareAgeMin, AgeMax: doc.WelfareAgeMax, OnePerHousehold: doc.OnePerHousehold,
			ExcludePensioner: doc.ExcludePensioner}}, nil
}

// PutSettings saves a county's settings whose Version is the one last read (0 for defaults).
// Errors: conflict when someone saved in between.
func (d *DB) PutSettings(ctx context.Context, s *job.Settings) error {
	doc := settingsDoc{ID: "county:" + s.CountyCode, CountyCode: s.CountyCode, WelfareAgeMin: s.Welfare.AgeMin,
		WelfareAgeMax: s.Welfare.AgeMax, OnePerHousehold: s.Welfare.OnePerHousehold, ExcludePensioner: s.Welfare.ExcludePensioner,
		LocalMinWage: s.LocalMinWage, Weights: s.Weights, Version: s.Version + 1, UpdatedAt: s.UpdatedAt}
	if s.Version == 0 {
		if _, err := d.c(colSettings).InsertOne(ctx, doc); err != nil {
			if err = mapErr(err, "settings"); apperr.Is(err, apperr.Conflict) {
				return job.ErrSettingsStale
			}
			return err
		}
	} else if err := d.casReplace(ctx, colSettings, doc.ID, s.Version, doc); err != nil {
		return err
	}
	s.Version++
	return nil
}
