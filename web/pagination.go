package web

// Pagination is what templates/partials/pagination.html renders: "共 N 条" and page links.
type Pagination struct {
	Total int        // items in all pages
	Page  int        // current page, 1-based
	Pages int        // number of pages, at least 1
	Prev  string     // link to the previous page; "" on the first
	Next  string     // link to the next page; "" on the last
	Links []PageLink // numbered links, with gaps
}

// PageLink is one numbered page link, or a gap ("…") when Gap is set.
type PageLink struct {
	Page    int
	Href    string
	Current bool
	Gap     bool
}

// NewPagination computes the links for total items at pageSize per page, the current page
// being page (clamped to 1..Pages). href builds a page's URL (keeping the filters). It shows
// the first and last pages and two on each side of the current one, with gaps between.
func NewPagination(total, page, pageSize int, href func(page int) string) Pagination {
	if pageSize < 1 {
		pageSize = 1
	}
	pages := (total + pageSize - 1) / pageSize
	pages = max(pages, 1)
	page = min(max(page, 1), pages)
	p := Pagination{Total: total, Page: page, Pages: pages}
	if page > 1 {
		p.Prev = href(page - 1)
	}
	if page < pages {
		p.Next = href(page + 1)
	}
	last := 0
	for i := 1; i <= pages; i++ {
		if i != 1 && i != pages && (i < page-2 || i > page+2) {
			continue
		}
		if last != 0 && i > last+1 {
			p.Links = append(p.Links, PageLink{Gap: true})
		}
		p.Links = append(p.Links, PageLink{Page: i, Href: href(i), Current: i == page})
		last = i
	}
	return p
}
