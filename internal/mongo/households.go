package mongo

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/page"
)

// personDoc claims an ID number system-wide: its _id is the normalised number.
type personDoc struct {
	ID          string    `bson:"_id"`
	HouseholdID string    `bson:"householdId"`
	MemberID    string    `bson:"memberId"`
	ClaimedAt   time.Time `bson:"claimedAt"`
}

// claim inserts person claims for the given members of household hid, in one ordered insert (one
// SQLite transaction for the whole household on the embedded database). On a duplicate it releases
// the claims it made and returns *DuplicateIDError wrapped in a conflict; nothing is left behind.
func (d *DB) claim(ctx context.Context, hid string, ms []household.Member, fieldOf func(i int) string) error {
	if len(ms) == 0 {
		return nil
	}
	now := time.Now().UTC()
	docs := make([]any, len(ms))
	for i, m := range ms {
		docs[i] = personDoc{ID: m.IDNumber, HouseholdID: hid, MemberID: m.ID, ClaimedAt: now}
	}
	_, err := d.c(colPersons).InsertMany(ctx, docs, options.InsertMany().SetOrdered(true))
	if err == nil {
		return nil
	}
	var bwe mongo.BulkWriteException
	if errors.As(err, &bwe) && len(bwe.WriteErrors) > 0 && bwe.WriteErrors[0].Code == 11000 {
		// Ordered: the members before the first duplicate were claimed, the rest were not.
		i := bwe.WriteErrors[0].Index
		d.releaseOwn(ctx, hid, ms[:i])
		var holder personDoc
		_ = d.c(colPersons).FindOne(ctx, bson.D{{Key: "_id", Value: ms[i].IDNumber}}).Decode(&holder)
		return household.DuplicateID(ms[i].IDNumber, holder.HouseholdID, fieldOf(i))
	}
	d.releaseOwn(ctx, hid, ms) // how far it got is unknown: release whatever this household holds
	return mapErr(err, "claim person")
}

// releaseOwn deletes the claims of members ms that household hid holds, and no other.
func (d *DB) releaseOwn(ctx context.Context, hid string, ms []household.Member) {
	for _, m := range ms {
		filter := bson.D{{Key: "_id", Value: m.IDNumber}, {Key: "householdId", Value: hid}}
		if _, err := d.c(colPersons).DeleteOne(context.WithoutCancel(ctx), filter); err != nil {
			d.log.Error("release person claim", "err", err) // the repair pass removes it later
		}
	}
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
		d.households.stored(doc)
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

// GetHousehold returns a household by id. Errors: not_found.
func (d *DB) GetHousehold(ctx context.Context, id string) (*household.Household, error) {
	doc, err := d.households.get(ctx, id)
	if err != nil {
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

// ListHouseholds returns one page of households ordered by number, and the total that match.
func (d *DB) ListHouseholds(ctx context.Context, f household.Filter) (page.Of[*household.Household], error) {
	docs, total, err := d.households.list(ctx, f)
	if err != nil {
		return page.Of[*household.Household]{}, err
	}
	out := page.Of[*household.Household]{Items: make([]*household.Household, 0, len(docs)), Total: total}
	for _, doc := range docs {
		out.Items = append(out.Items, doc.toHousehold())
	}
	return out, nil
}

// EachHousehold calls fn for every household matching f (paging ignored), in number order.
func (d *DB) EachHousehold(ctx context.Context, f household.Filter, fn func(*household.Household) error) error {
	if rm, ok := d.households.(*readModel); ok {
		return rm.eachHousehold(f, fn)
	}
	return d.households.each(ctx, f, func(doc *householdDoc) error { return fn(doc.toHousehold()) })
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
	err := d.casReplace(ctx, colHouseholds, h.ID, prev, doc, func() { d.households.stored(doc) })
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
