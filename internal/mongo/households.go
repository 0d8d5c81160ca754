package mongo

import (
	"context"
	"fmt"
	"regexp"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/household"
)

// personDoc claims an ID number system-wide: its _id is the normalised number.
type personDoc struct {
	ID          string    `bson:"_id"`
	HouseholdID string    `bson:"householdId"`
	MemberID    string    `bson:"memberId"`
	ClaimedAt   time.Time `bson:"claimedAt"`
}

// DuplicateIDError is the conflict returned when an ID number is registered already. HouseholdID
// names the holder; the caller decides whether the user may be told.
type DuplicateIDError struct {
	IDNumber    string
	HouseholdID string
	Field       string
}

func (e *DuplicateIDError) Error() string {
	return fmt.Sprintf("id number already registered in household %s", e.HouseholdID)
}

// claim inserts person claims for the given members of household hid. On a duplicate it releases the
// claims it made and returns *DuplicateIDError wrapped in a conflict; nothing is left behind.
func (d *DB) claim(ctx context.Context, hid string, ms []household.Member, fieldOf func(i int) string) error {
	var done []string
	now := time.Now().UTC()
	for i, m := range ms {
		_, err := d.c(colPersons).InsertOne(ctx, personDoc{ID: m.IDNumber, HouseholdID: hid, MemberID: m.ID, ClaimedAt: now})
		if err == nil {
			done = append(done, m.IDNumber)
			continue
		}
		d.release(ctx, done)
		if mongo.IsDuplicateKeyError(err) {
			var holder personDoc
			_ = d.c(colPersons).FindOne(ctx, bson.D{{Key: "_id", Value: m.IDNumber}}).Decode(&holder)
			return &apperr.Error{Code: apperr.Conflict, Message: "身份证号码已在系统中登记",
				Fields: []apperr.FieldError{{Field: fieldOf(i), Message: "该身份证号码已在系统中登记,同一人不能重复登记"}},
				Err:    &DuplicateIDError{IDNumber: m.IDNumber, HouseholdID: holder.HouseholdID, Field: fieldOf(i)}}
		}
		return mapErr(err, "claim person")
	}
	return nil
}

// release deletes person claims by ID number (each by _id alone, which every backend looks up by key).
func (d *DB) release(ctx context.Context, idNumbers []string) {
	for _, n := range idNumbers {
		if _, err := d.c(colPersons).DeleteOne(context.WithoutCancel(ctx), bson.D{{Key: "_id", Value: n}}); err != nil {
			d.log.Error("release person claim", "err", err) // the repair pass removes it later
		}
	}
}

// CreateHousehold stores a new household with all its members. It claims every member's ID number
// first (an _id insert, atomic on every backend), then writes the household, and releases the claims
// when that fails. Ids, the household number (numberPrefix + a 5-digit sequence per prefix) and the
// version are assigned here.
// Errors: conflict (with *DuplicateIDError inside) when an ID number is registered anywhere.
func (d *DB) CreateHousehold(ctx context.Context, h *household.Household, numberPrefix string) error {
	if h.ID == "" {
		h.ID = newID("h")
	}
	for i := range h.Members {
		if h.Members[i].ID == "" {
			h.Members[i].ID = fmt.Sprintf("%s-%d", h.ID, i+1)
		}
	}
	if err := d.claim(ctx, h.ID, h.Members, func(i int) string { return fmt.Sprintf("members[%d].idNumber", i) }); err != nil {
		return err
	}
	if h.Number == "" {
		seq, err := d.nextSeq(ctx, "household:"+numberPrefix)
		if err != nil {
			d.releaseMembers(ctx, h.Members)
			return err
		}
		h.Number = fmt.Sprintf("%s%05d", numberPrefix, seq)
	}
	h.Version = 1
	doc := householdToDoc(h)
	err := d.guarded(colHouseholds, h.ID, func() error {
		if _, err := d.c(colHouseholds).InsertOne(ctx, doc); err != nil {
			return err
		}
		if d.cache != nil {
			d.cache.put(doc)
		}
		return nil
	})
	if err != nil {
		d.releaseMembers(ctx, h.Members)
		return mapErr(err, "create household")
	}
	return nil
}

func (d *DB) releaseMembers(ctx context.Context, ms []household.Member) {
	ids := make([]string, 0, len(ms))
	for _, m := range ms {
		ids = append(ids, m.IDNumber)
	}
	d.release(ctx, ids)
}

// GetHousehold returns a household by id; not_found when there is none.
func (d *DB) GetHousehold(ctx context.Context, id string) (*household.Household, error) {
	if d.cache != nil {
		if doc, ok := d.cache.get(id); ok {
			return doc.toHousehold(), nil
		}
		return nil, apperr.New(apperr.NotFound, "户不存在")
	}
	var doc householdDoc
	if err := d.c(colHouseholds).FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&doc); err != nil {
		err = mapErr(err, "get household")
		if apperr.Is(err, apperr.NotFound) {
			return nil, apperr.New(apperr.NotFound, "户不存在")
		}
		return nil, err
	}
	return doc.toHousehold(), nil
}

// PersonHousehold returns the household id and member id holding an ID number; not_found when none does.
func (d *DB) PersonHousehold(ctx context.Context, idNumber string) (householdID, memberID string, err error) {
	var p personDoc
	if err := d.c(colPersons).FindOne(ctx, bson.D{{Key: "_id", Value: idNumber}}).Decode(&p); err != nil {
		return "", "", mapErr(err, "person")
	}
	return p.HouseholdID, p.MemberID, nil
}

// HouseholdFilter selects households. The app layer sets the scope fields (SiteIDs, CountyCode).
type HouseholdFilter struct {
	SiteIDs        []string // only these sites, when not nil
	CountyCode     string
	Status         string
	Q              string // part of the household number, unit, village or a member's name
	ZeroEmployment bool   // only zero-employment households
	IDs            []string
	Page, PageSize int
}

func (f HouseholdFilter) bson() bson.D {
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
	if f.IDs != nil {
		q = append(q, bson.E{Key: "_id", Value: bson.D{{Key: "$in", Value: f.IDs}}})
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

// ListHouseholds returns one page of households ordered by number, and the total that match.
func (d *DB) ListHouseholds(ctx context.Context, f HouseholdFilter) ([]*household.Household, int, error) {
	if d.cache != nil {
		docs := d.cache.list(f)
		skip, limit := pageOf(f.Page, f.PageSize)
		out := []*household.Household{}
		for i := int(skip); i < len(docs) && i < int(skip+limit); i++ {
			out = append(out, docs[i].toHousehold())
		}
		return out, len(docs), nil
	}
	filter := f.bson()
	total, err := d.c(colHouseholds).CountDocuments(ctx, filter)
	if err != nil {
		return nil, 0, mapErr(err, "count households")
	}
	skip, limit := pageOf(f.Page, f.PageSize)
	cur, err := d.c(colHouseholds).Find(ctx, filter, options.Find().
		SetSort(bson.D{{Key: "number", Value: 1}}).SetSkip(skip).SetLimit(limit))
	if err != nil {
		return nil, 0, mapErr(err, "list households")
	}
	var docs []householdDoc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, 0, mapErr(err, "list households")
	}
	out := make([]*household.Household, 0, len(docs))
	for i := range docs {
		out = append(out, docs[i].toHousehold())
	}
	return out, int(total), nil
}

// EachHousehold calls fn for every household matching f (paging ignored), in number order.
func (d *DB) EachHousehold(ctx context.Context, f HouseholdFilter, fn func(*household.Household) error) error {
	if d.cache != nil {
		for _, doc := range d.cache.list(f) {
			if err := fn(doc.toHousehold()); err != nil {
				return err
			}
		}
		return nil
	}
	cur, err := d.c(colHouseholds).Find(ctx, f.bson(), options.Find().SetSort(bson.D{{Key: "number", Value: 1}}))
	if err != nil {
		return mapErr(err, "scan households")
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var doc householdDoc
		if err := cur.Decode(&doc); err != nil {
			return mapErr(err, "scan households")
		}
		if err := fn(doc.toHousehold()); err != nil {
			return err
		}
	}
	return mapErr(cur.Err(), "scan households")
}

// SaveHousehold writes h over the stored household whose version is h.Version (the one last read),
// incrementing the version. Members whose ID numbers appear in claims get person claims first; ID
// numbers in releases are released after the write succeeds. Errors: conflict when someone saved in
// between or an ID number is taken, not_found when the household is gone.
func (d *DB) SaveHousehold(ctx context.Context, h *household.Household, claims []household.Member, releases []string, fieldOf func(i int) string) error {
	if len(claims) > 0 {
		if err := d.claim(ctx, h.ID, claims, fieldOf); err != nil {
			return err
		}
	}
	prev := h.Version
	h.Version++
	doc := householdToDoc(h)
	err := d.casReplace(ctx, colHouseholds, h.ID, prev, doc, func() {
		if d.cache != nil {
			d.cache.put(doc)
		}
	})
	if err != nil {
		h.Version = prev
		d.releaseMembers(ctx, claims)
		return err
	}
	d.release(ctx, releases)
	return nil
}

// MutateHousehold reads household id, applies fn, and saves the result with a compare-and-set on the
// version read, retrying a few times when a concurrent writer got in between. fn may return an error
// to abort; nothing is written then.
func (d *DB) MutateHousehold(ctx context.Context, id string, fn func(h *household.Household) error) (*household.Household, error) {
	for attempt := 0; ; attempt++ {
		h, err := d.GetHousehold(ctx, id)
		if err != nil {
			return nil, err
		}
		if err := fn(h); err != nil {
			return nil, err
		}
		err = d.SaveHousehold(ctx, h, nil, nil, nil)
		if err == nil {
			return h, nil
		}
		if !apperr.Is(err, apperr.Conflict) || attempt >= 5 {
			return nil, err
		}
	}
}
