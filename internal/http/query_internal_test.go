package http

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"github.com/anju-cn/anju/internal/app"
)

// TestQueryParamsMatchHandlers keeps queryParams true: for every route, the parameters it declares
// are exactly those its handler reads (c.Query, queryInt, queryBool, and page/pageSize through
// pageOf), found in the source; and every declared name is documented for OpenAPI.
func TestQueryParamsMatchHandlers(t *testing.T) {
	s := &Server{Fiber: fiber.New(), Svc: app.New(nil, nil)}
	s.routesV1()
	have := map[string]bool{}
	for _, r := range s.routes {
		have[r.Method+" "+r.Path] = true
		for _, name := range r.Query {
			if _, ok := queryDocs[name]; !ok {
				t.Errorf("%s %s: query parameter %s has no entry in queryDocs", r.Method, r.Path, name)
			}
		}
	}
	for k := range queryParams {
		if !have[k] {
			t.Errorf("queryParams names %s, which is not a route", k)
		}
	}

	fset := token.NewFileSet()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	reads := map[string][]string{} // Server method -> query parameters it reads
	var handlers []ast.Expr        // the handler of each s.handle call in routesV1, in order
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		src, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		f, err := parser.ParseFile(fset, name, src, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv == nil || fn.Body == nil {
				continue
			}
			ast.Inspect(fn.Body, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				switch fun := call.Fun.(type) {
				case *ast.SelectorExpr:
					if fun.Sel.Name == "Query" && len(call.Args) > 0 {
						reads[fn.Name.Name] = append(reads[fn.Name.Name], literal(t, call.Args[0]))
					}
					if fn.Name.Name == "routesV1" && fun.Sel.Name == "handle" {
						handlers = append(handlers, call.Args[len(call.Args)-1])
					}
				case *ast.Ident:
					switch fun.Name {
					case "queryInt", "queryBool":
						reads[fn.Name.Name] = append(reads[fn.Name.Name], literal(t, call.Args[1]))
					case "pageOf":
						reads[fn.Name.Name] = append(reads[fn.Name.Name], "page", "pageSize")
					}
				}
				return true
			})
		}
	}
	if len(handlers) != len(s.routes) {
		t.Fatalf("found %d s.handle calls in routesV1, the server has %d routes", len(handlers), len(s.routes))
	}
	for i, r := range s.routes {
		var read []string
		if sel, ok := handlers[i].(*ast.SelectorExpr); ok {
			read = reads[sel.Sel.Name]
		} // else a helper such as byParam, which reads no query parameters
		read = slices.Clone(read)
		slices.Sort(read)
		read = slices.Compact(read)
		declared := slices.Sorted(slices.Values(r.Query))
		if !slices.Equal(read, declared) {
			t.Errorf("%s %s: the handler reads %v, queryParams declares %v", r.Method, r.Path, read, declared)
		}
	}
}

// literal is the value of a string literal argument; the test fails on anything else.
func literal(t *testing.T, e ast.Expr) string {
	t.Helper()
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		t.Fatalf("query parameter named by a non-literal %T", e)
	}
	v, err := strconv.Unquote(lit.Value)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
