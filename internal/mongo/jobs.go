package mongo

import (
	"context"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/job"
	"github.com/anju-cn/anju/internal/labor"
)

// CreateEmployer stores an employer, assigning its id. Errors: conflict when the credit code exists.
func (d *DB) CreateEmployer(ctx context.Context, e *job.Employer) error {
	e.ID, e.Version = newID("e"), 1
	_, err := d.c(colEmployers).InsertOne(ctx, employerToDoc(e))
	if err = mapErr(err, "create employer"); apperr.Is(err, apperr.Conflict) {
		return &apperr.Error{Code: apperr.Conflict, Message: "该统一社会信用代码的单位已登记",
			Fields: []apperr.FieldError{{Field: "creditCode", Message: "该统一社会信用代码的单位已登记"}}}
	}
	return err
}

// GetEmployer returns an employer; not_found when there is none.
func (d *DB) GetEmployer(ctx context.Context, id string) (job.Employer, error) {
	var doc employerDoc
	if err := d.c(colEmployers).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&doc); err != nil {
		if err = mapErr(err, "get employer"); apperr.Is(err, apperr.NotFound) {
			return job.Employer{}, apperr.New(apperr.NotFound, "用人单位不存在")
		}
		return job.Employer{}, err
	}
	return doc.toEmployer(), nil
}

// ListEmployers returns the employers of a county ("" for all), by name.
func (d *DB) ListEmployers(ctx context.Context, county string) ([]job.Employer, error) {
	q := bson.D{}
	if county != "" {
		q = append(q, bson.E{Key: "countyCode", Value: county})
	}
	cur, err := d.c(colEmployers).Find(ctx, q, options.Find().SetSort(bson.D{{Key: "name", Value: 1}}))
	if err != nil {
		return nil, mapErr(err, "list employers")
	}
	var docs []employerDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, mapErr(err, "list employers")
	}
	out := make([]job.Employer, 0, len(docs))
	for _, doc := range docs {
		out = append(out, doc.toEmployer())
	}
	return out, nil
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
	if err := d.c(colPositions).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&doc); err != nil {
		if err = mapErr(err, "get position"); apperr.Is(err, apperr.NotFound) {
			return job.Position{}, apperr.New(apperr.NotFound, "岗位不存在")
		}
		return job.Position{}, err
	}
	return doc.toPosition(), nil
}

// PositionFilter selects positions.
type PositionFilter struct {
	CountyCode, Status, EmployerID string
	Channel                        labor.Channel
}

// ListPositions returns positions by employer name and title.
func (d *DB) ListPositions(ctx context.Context, f PositionFilter) ([]job.Position, error) {
	q := bson.D{}
	for _, kv := range [][2]string{{"countyCode", f.CountyCode}, {"status", f.Status}, {"employerId", f.EmployerID}, {"channel", string(f.Channel)}} {
		if kv[1] != "" {
			q = append(q, bson.E{Key: kv[0], Value: kv[1]})
		}
	}
	cur, err := d.c(colPositions).Find(ctx, q, options.Find().SetSort(bson.D{{Key: "employerName", Value: 1}, {Key: "title", Value: 1}, {Key: "_id", Value: 1}}))
	if err != nil {
		return nil, mapErr(err, "list positions")
	}
	var docs []positionDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, mapErr(err, "list positions")
	}
	out := make([]job.Position, 0, len(docs))
	for _, doc := range docs {
		out = append(out, doc.toPosition())
	}
	return out, nil
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

var errPositionFull = &apperr.Error{Code: apperr.Conflict, Message: "该岗位已招满",
	Fields: []apperr.FieldError{{Field: "positionId", Message: "该岗位已无空缺名额"}}}

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
	return apperr.New(apperr.Conflict, "岗位正忙,请稍后重试")
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
				return apperr.New(apperr.Conflict, "设置已被他人修改,请刷新后重试")
			}
			return err
		}
	} else if err := d.casReplace(ctx, colSettings, doc.ID, s.Version, doc); err != nil {
		return err
	}
	s.Version++
	return nil
}
