package mongo

import (
	"context"
	"sort"
	"strings"
	"sync"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/anju-cn/anju/internal/household"
	"github.com/anju-cn/anju/internal/page"
)

// readModel is an in-memory copy of the households collection, used only with the embedded
// database. There the process is the database's only client (its socket is private), so every write
// passes through this package and the copy stays exact. It exists because FerretDB v1 on SQLite
// filters nothing but _id in the database: a list page of one site scanned and decoded every household
// (~0.8 ms each, about 1 s for the demo site, measured), while the copy answers in milliseconds.
// With a MongoDB server, lists are queries on real indexes and the copy is off.
type readModel struct {
	mu   sync.RWMutex
	byID map[string]*householdDoc
	// dom holds each household converted to the domain type once, when it is stored or loaded, and
	// never changed afterwards (a write stores a new one). Scans hand out copies of its top level,
	// sharing the members, instead of converting every household again: a county's member list scans
	// 7,000 households per page. Callers of EachHousehold only read the members (HouseholdReader).
	dom map[string]*household.Household
	// order is every household id in number order: sorted on the first list after loading, then kept
	// in order as households are added (or renumbered), so that no list sorts the county.
	order []string
	// occ is the resident households and people per site, kept with every write: a registration
	// checks its site's occupancy, and summing the county for it cost 1.5 ms.
	occ map[string]household.Occupancy
}

// count adds doc's residents to occ with sign +1 or -1.
func (r *readModel) count(doc *householdDoc, sign int) {
	if doc.Status != household.StatusResident {
		return
	}
	o := r.occ[doc.SiteID]
	o.Households += sign
	o.People += sign * doc.People
	if o.Households == 0 && o.People == 0 {
		delete(r.occ, doc.SiteID)
		return
	}
	r.occ[doc.SiteID] = o
}

// shallow returns a copy of h's top level; its members are the stored snapshot's (read only).
func shallow(h *household.Household) *household.Household {
	c := *h
	return &c
}

// eachHousehold calls fn for every household matching f, in number order, with top-level copies of
// the stored snapshots.
func (r *readModel) eachHousehold(f household.Filter, fn func(*household.Household) error) error {
	docs := r.all(f)
	r.mu.RLock()
	hs := make([]*household.Household, len(docs))
	for i, d := range docs {
		hs[i] = r.dom[d.ID]
	}
	r.mu.RUnlock()
	for i, h := range hs {
		if h == nil {
			h = docs[i].toHousehold()
		}
		if err := fn(shallow(h)); err != nil {
			return err
		}
	}
	return nil
}

// stored keeps doc as the database stores it: a BSON round trip gives the same millisecond times
// and shapes that a query returns, so that the model and the database never disagree.
func (r *readModel) stored(doc householdDoc) {
	if raw, err := bson.Marshal(doc); err == nil {
		var back householdDoc
		if bson.Unmarshal(raw, &back) == nil {
			doc = back
		}
	}
	h := doc.toHousehold()
	r.mu.Lock()
	old, ok := r.byID[doc.ID]
	moved := r.order != nil && (!ok || old.Number != doc.Number)
	if moved && ok {
		i := r.orderAt(old.Number, old.ID)
		r.order = append(r.order[:i], r.order[i+1:]...)
	}
	if ok {
		r.count(old, -1)
	}
	r.count(&doc, +1)
	r.byID[doc.ID] = &doc
	r.dom[doc.ID] = h
	if moved {
		// A registration adds one id where it belongs instead of sorting the county again: with
		// eight clients registering, re-sorting 7,000 households after each one cost 3 ms of CPU.
		i := r.orderAt(doc.Number, doc.ID)
		r.order = append(r.order, "")
		copy(r.order[i+1:], r.order[i:])
		r.order[i] = doc.ID
	}
	r.mu.Unlock()
}

// numberOrder is the order of household lists: by number, then by id (numbers are unique, but a
// total order keeps the model equal to the database whatever is stored).
func numberOrder(n1, id1, n2, id2 string) bool {
	return n1 < n2 || n1 == n2 && id1 < id2
}

// orderAt is where the household (number, id) is or belongs in order. Callers hold the write lock.
func (r *readModel) orderAt(number, id string) int {
	return sort.Search(len(r.order), func(i int) bool {
		d := r.byID[r.order[i]]
		return !numberOrder(d.Number, d.ID, number, id)
	})
}

func (r *readModel) get(_ context.Context, id string) (*householdDoc, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	if d, ok := r.byID[id]; ok {
		return d, nil
	}
	return nil, household.ErrHouseholdNotFound
}

// load fills the copy from the database: straight from the SQLite table on the embedded database
// (see sjson.go), which is about ten times faster than a query through FerretDB.
func (r *readModel) load(ctx context.Context, d *DB) error {
	m := map[string]*householdDoc{}
	if d.sq != nil {
		if err := scanAll(ctx, d, colHouseholds, func(doc *householdDoc) error { m[doc.ID] = doc; return nil }); err != nil {
			return err
		}
	} else if err := d.scanQuery(ctx, m); err != nil {
		return err
	}
	dom := make(map[string]*household.Household, len(m))
	for id, doc := range m {
		dom[id] = doc.toHousehold()
	}
	r.mu.Lock()
	r.byID, r.dom, r.order, r.occ = m, dom, nil, map[string]household.Occupancy{}
	for _, doc := range m {
		r.count(doc, +1)
	}
	r.mu.Unlock()
	return nil
}

func (d *DB) scanQuery(ctx context.Context, m map[string]*householdDoc) error {
	cur, err := d.c(colHouseholds).Find(ctx, bson.D{})
	if err != nil {
		return mapErr(err, "load households")
	}
	defer cur.Close(ctx)
	for cur.Next(ctx) {
		var doc householdDoc
		if err := cur.Decode(&doc); err != nil {
			return mapErr(err, "load households")
		}
		m[doc.ID] = &doc
	}
	return mapErr(cur.Err(), "load households")
}

// match reports whether doc passes f, with the same meaning as householdQuery.
func match(f household.Filter, doc *householdDoc) bool {
	if f.SiteIDs != nil && !containsStr(f.SiteIDs, doc.SiteID) {
		return false
	}
	if f.CountyCode != "" && doc.CountyCode != f.CountyCode {
		return false
	}
	if f.Status != "" && doc.Status != f.Status {
		return false
	}
	if f.ZeroEmployment && !doc.ZeroEmployment {
		return false
	}
	if f.HouseholdType != "" && doc.HouseholdType != f.HouseholdType {
		return false
	}
	if f.IDs != nil && !containsStr(f.IDs, doc.ID) {
		return false
	}
	if f.IDNumber != "" {
		hit := false
		for _, ms := range [][]memberDoc{doc.Members, doc.FormerMembers} {
			for i := range ms {
				hit = hit || ms[i].IDNumber == f.IDNumber
			}
		}
		if !hit {
			return false
		}
	}
	if p := f.Person; p != nil {
		hit := false
		for i := range doc.Members {
			m := &doc.Members[i]
			hit = hit || strings.Contains(m.Name, p.Name) && strings.HasSuffix(m.IDNumber, p.IDSuffix)
		}
		if !hit {
			return false
		}
	}
	if f.Q != "" {
		hit := strings.Contains(doc.Number, f.Q) || strings.Contains(doc.Unit, f.Q) || strings.Contains(doc.Origin.Village, f.Q)
		for i := 0; !hit && i < len(doc.Members); i++ {
			hit = strings.Contains(doc.Members[i].Name, f.Q)
		}
		if !hit {
			return false
		}
	}
	return true
}

// all returns the households that pass f, in number order.
func (r *readModel) all(f household.Filter) []*householdDoc {
	r.mu.RLock()
	if r.order == nil {
		r.mu.RUnlock()
		r.mu.Lock()
		if r.order == nil {
			order := make([]string, 0, len(r.byID))
			for id := range r.byID {
				order = append(order, id)
			}
			sort.Slice(order, func(i, j int) bool {
				a, b := r.byID[order[i]], r.byID[order[j]]
				return numberOrder(a.Number, a.ID, b.Number, b.ID)
			})
			r.order = order
		}
		r.mu.Unlock()
		r.mu.RLock()
	}
	out := make([]*householdDoc, 0, 64)
	for _, id := range r.order {
		if doc := r.byID[id]; doc != nil && match(f, doc) {
			out = append(out, doc)
		}
	}
	r.mu.RUnlock()
	return out
}

func (r *readModel) list(_ context.Context, f household.Filter) ([]*householdDoc, int, error) {
	p := page.Slice(r.all(f), f.Page)
	return p.Items, p.Total, nil
}

func (r *readModel) each(_ context.Context, f household.Filter, fn func(*householdDoc) error) error {
	for _, doc := range r.all(f) {
		if err := fn(doc); err != nil {
			return err
		}
	}
	return nil
}

func containsStr(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// occupancy returns the resident households and people of the given sites (every site with
// residents when siteIDs is nil), from the counts kept with every write.
func (r *readModel) occupancy(_ context.Context, siteIDs []string) (map[string]household.Occupancy, error) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	out := make(map[string]household.Occupancy, len(siteIDs))
	if siteIDs == nil {
		for id, o := range r.occ {
			out[id] = o
		}
		return out, nil
	}
	for _, id := range siteIDs {
		if o, ok := r.occ[id]; ok {
			out[id] = o
		}
	}
	return out, nil
}
