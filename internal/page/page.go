// Package page is the one page type of every list: a request (?page=&pageSize=) and a page of items
// with the total that match. Storage, the read model and the services all page with it.
package page

// DefaultSize and MaxSize bound a page.
const (
	DefaultSize = 20
	MaxSize     = 200
)

// Request asks for one page: Page counts from 1, Size is at most MaxSize.
type Request struct {
	Page, Size int
}

// Norm returns r with defaults applied: page 1, size DefaultSize, size at most MaxSize.
func (r Request) Norm() Request {
	if r.Page <= 0 {
		r.Page = 1
	}
	if r.Size <= 0 {
		r.Size = DefaultSize
	}
	if r.Size > MaxSize {
		r.Size = MaxSize
	}
	return r
}

// Skip is the number of items before the page.
func (r Request) Skip() int { n := r.Norm(); return (n.Page - 1) * n.Size }

// Limit is the page size after Norm.
func (r Request) Limit() int { return r.Norm().Size }

// Bounds returns the half-open range [start, end) of the page within n items.
func (r Request) Bounds(n int) (start, end int) {
	start = min(r.Skip(), n)
	return start, min(start+r.Limit(), n)
}

// Of is one page of items and the total number that match.
type Of[T any] struct {
	Items []T
	Total int
}

// Slice returns the requested page of all.
func Slice[T any](all []T, r Request) Of[T] {
	s, e := r.Bounds(len(all))
	return Of[T]{Items: all[s:e:e], Total: len(all)}
}

// Map converts every item of p with f, keeping the total.
func Map[T, U any](p Of[T], f func(T) U) Of[U] {
	out := Of[U]{Items: make([]U, 0, len(p.Items)), Total: p.Total}
	for _, it := range p.Items {
		out.Items = append(out.Items, f(it))
	}
	return out
}
