package mongo

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"sync"

	"go.mongodb.org/mongo-driver/v2/bson"

	"github.com/anju-cn/anju/internal/apperr"
)

// FerretDB v1 stores each document in SQLite as "SJSON": the fields as JSON, in a column
// `_ferretdb_sjson`, with a schema under "$s" that gives each field's BSON type and the order of the
// keys (see FerretDB's internal/handler/sjson). Reading whole collections through FerretDB costs
// about 1 ms per household (it decodes SJSON into its own types, encodes BSON for the wire, and the
// driver decodes that). Start-up loads whole collections, so there it reads the SQLite table and
// converts SJSON to BSON here instead, about ten times faster. This is only ever used to read, on
// the embedded database, and TestReadModelAfterRandomWrites checks that it gives the same
// households as FerretDB's own queries.

type sjsonSchema struct {
	P map[string]*sjsonElem `json:"p"`
	K []string              `json:"$k"`
}

type sjsonElem struct {
	T string       `json:"t"`
	S *sjsonSchema `json:"$s,omitempty"`
	O *string      `json:"o,omitempty"`
	I []*sjsonElem `json:"i,omitempty"`
	B *byte        `json:"s,omitempty"` // binData subtype
}

// sjsonToBSON converts one stored document to BSON. It parses the JSON once, guided by the schema
// (schemas repeat from document to document and are parsed once each, see schemas). Errors: a
// malformed document or an unknown type.
func sjsonToBSON(raw []byte) (bson.Raw, error) {
	p := &sjsonParser{b: raw}
	if !p.consume('{') {
		return nil, p.fail("document")
	}
	if key, ok := p.key(); !ok || key != "$s" {
		return nil, p.fail("schema first")
	}
	p.ws()
	start := p.i
	if !p.skipValue() {
		return nil, p.fail("schema")
	}
	s, err := schemas.get(raw[start:p.i])
	if err != nil {
		return nil, err
	}
	d, err := p.docBody(s, false)
	if err != nil {
		return nil, err
	}
	return bson.Marshal(d)
}

// schemaCache keeps parsed schemas by their text: documents of one collection share a few shapes.
type schemaCache struct {
	mu sync.Mutex
	m  map[string]*sjsonSchema
}

var schemas = &schemaCache{m: map[string]*sjsonSchema{}}

func (c *schemaCache) get(raw []byte) (*sjsonSchema, error) {
	c.mu.Lock()
	s, ok := c.m[string(raw)]
	c.mu.Unlock()
	if ok {
		return s, nil
	}
	s = &sjsonSchema{}
	if err := json.Unmarshal(raw, s); err != nil {
		return nil, fmt.Errorf("sjson schema: %w", err)
	}
	c.mu.Lock()
	if len(c.m) >= 2000 { // households vary in shape; keep the cache small (a parsed schema is ~10 KB)
		c.m = map[string]*sjsonSchema{}
	}
	c.m[string(raw)] = s
	c.mu.Unlock()
	return s, nil
}

// sjsonParser reads FerretDB's JSON (compact and well formed, as encoding/json writes it).
type sjsonParser struct {
	b []byte
	i int
}

func (p *sjsonParser) fail(what string) error {
	return fmt.Errorf("sjson: malformed %s at byte %d", what, p.i)
}

func (p *sjsonParser) ws() {
	for p.i < len(p.b) && (p.b[p.i] == ' ' || p.b[p.i] == '\n' || p.b[p.i] == '\t' || p.b[p.i] == '\r') {
		p.i++
	}
}

func (p *sjsonParser) consume(c byte) bool {
	p.ws()
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// str reads a JSON string; one with escapes is decoded by encoding/json.
func (p *sjsonParser) str() (string, bool) {
	p.ws()
	if p.i >= len(p.b) || p.b[p.i] != '"' {
		return "", false
	}
	start := p.i
	p.i++
	escaped := false
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case '\\':
			escaped = true
			p.i += 2
			continue
		case '"':
			p.i++
			if !escaped {
				return string(p.b[start+1 : p.i-1]), true
			}
			var s string
			if err := json.Unmarshal(p.b[start:p.i], &s); err != nil {
				return "", false
			}
			return s, true
		}
		p.i++
	}
	return "", false
}

func (p *sjsonParser) key() (string, bool) {
	k, ok := p.str()
	return k, ok && p.consume(':')
}

// token reads a number or a literal (true, false, null).
func (p *sjsonParser) token() []byte {
	p.ws()
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		if c == ',' || c == '}' || c == ']' || c == ' ' || c == '\n' {
			break
		}
		p.i++
	}
	return p.b[start:p.i]
}

// skipValue moves past one JSON value.
func (p *sjsonParser) skipValue() bool {
	p.ws()
	if p.i >= len(p.b) {
		return false
	}
	switch p.b[p.i] {
	case '"':
		_, ok := p.str()
		return ok
	case '{', '[':
		depth := 0
		for p.i < len(p.b) {
			switch p.b[p.i] {
			case '"':
				if _, ok := p.str(); !ok {
					return false
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					p.i++
					return true
				}
			}
			p.i++
		}
		return false
	}
	return len(p.token()) > 0
}

// docBody reads the fields of an object up to its closing brace, by the schema, and returns them
// in the schema's key order. first says that no field was read yet (so no comma comes first).
func (p *sjsonParser) docBody(s *sjsonSchema, first bool) (bson.D, error) {
	d := make(bson.D, 0, len(s.K))
	for !p.consume('}') {
		if !first && !p.consume(',') {
			return nil, p.fail("object")
		}
		first = false
		k, ok := p.key()
		if !ok {
			return nil, p.fail("key")
		}
		v, err := p.value(s.P[k])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		d = append(d, bson.E{Key: k, Value: v})
	}
	if len(d) != len(s.K) {
		return nil, fmt.Errorf("sjson: %d fields for %d keys", len(d), len(s.K))
	}
	for i, k := range s.K {
		if d[i].Key != k { // not in the schema's order: put it in that order
			byKey := make(map[string]any, len(d))
			for _, e := range d {
				byKey[e.Key] = e.Value
			}
			for j, k := range s.K {
				d[j] = bson.E{Key: k, Value: byKey[k]}
			}
			break
		}
	}
	return d, nil
}

func (p *sjsonParser) value(e *sjsonElem) (any, error) {
	if e == nil {
		return nil, fmt.Errorf("no schema")
	}
	switch e.T {
	case "object":
		if !p.consume('{') {
			return nil, p.fail("object")
		}
		s := e.S
		if s == nil {
			s = &sjsonSchema{}
		}
		return p.docBody(s, true)
	case "array":
		if !p.consume('[') {
			return nil, p.fail("array")
		}
		out := make(bson.A, 0, len(e.I))
		for i := 0; !p.consume(']'); i++ {
			if i > 0 && !p.consume(',') {
				return nil, p.fail("array")
			}
			if i >= len(e.I) {
				return nil, p.fail("array length")
			}
			v, err := p.value(e.I[i])
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case "string":
		v, ok := p.str()
		if !ok {
			return nil, p.fail("string")
		}
		return v, nil
	case "objectId", "binData", "regex":
		p.ws()
		start := p.i
		if !p.skipValue() {
			return nil, p.fail(e.T)
		}
		return sjsonValue(e, p.b[start:p.i])
	}
	tok := p.token()
	switch e.T {
	case "int":
		n, err := strconv.ParseInt(string(tok), 10, 32)
		return int32(n), err
	case "long":
		return strconv.ParseInt(string(tok), 10, 64)
	case "double":
		return strconv.ParseFloat(string(tok), 64)
	case "date":
		ms, err := strconv.ParseInt(string(tok), 10, 64)
		return bson.DateTime(ms), err
	case "timestamp":
		ts, err := strconv.ParseUint(string(tok), 10, 64)
		return bson.Timestamp{T: uint32(ts >> 32), I: uint32(ts)}, err
	case "bool":
		return string(tok) == "true", nil
	case "null":
		return nil, nil
	}
	return nil, fmt.Errorf("unknown type %q", e.T)
}

// sjsonValue converts the rarer types, whose JSON needs encoding/json: objectId, binData, regex.
func sjsonValue(e *sjsonElem, raw json.RawMessage) (any, error) {
	switch e.T {
	case "objectId":
		var h string
		if err := json.Unmarshal(raw, &h); err != nil {
			return nil, err
		}
		b, err := hex.DecodeString(h)
		if err != nil || len(b) != 12 {
			return nil, fmt.Errorf("objectId %q", h)
		}
		var oid bson.ObjectID
		copy(oid[:], b)
		return oid, nil
	case "binData":
		var b []byte
		if err := json.Unmarshal(raw, &b); err != nil {
			return nil, err
		}
		sub := byte(0)
		if e.B != nil {
			sub = *e.B
		}
		return bson.Binary{Subtype: sub, Data: b}, nil
	case "regex":
		var p string
		if err := json.Unmarshal(raw, &p); err != nil {
			return nil, err
		}
		o := ""
		if e.O != nil {
			o = *e.O
		}
		return bson.Regex{Pattern: p, Options: o}, nil
	}
	return nil, fmt.Errorf("unknown type %q", e.T)
}

// scanAll calls fn with every document of col, read from the SQLite table and converted from SJSON
// (see above); only the embedded database has one. Errors: internal.
func scanAll[D any](ctx context.Context, d *DB, col string, fn func(*D) error) error {
	t, ok := d.sq.tables[col]
	if !ok {
		return fmt.Errorf("no table for %s", col)
	}
	rows, err := d.sq.db.QueryContext(ctx, fmt.Sprintf(`SELECT _ferretdb_sjson FROM %q`, t))
	if err != nil {
		return apperr.Wrap(err, "scan "+col)
	}
	defer rows.Close()
	for rows.Next() {
		var raw []byte
		if err := rows.Scan(&raw); err != nil {
			return apperr.Wrap(err, "scan "+col)
		}
		b, err := sjsonToBSON(raw)
		if err != nil {
			return apperr.Wrap(err, "decode "+col)
		}
		var doc D
		if err := bson.Unmarshal(b, &doc); err != nil {
			return apperr.Wrap(err, "decode "+col)
		}
		d.reads.Add(1)
		if err := fn(&doc); err != nil {
			return err
		}
	}
	schemas.reset() // a whole collection leaves many shapes behind that lists will not need
	return apperr.Wrap(rows.Err(), "scan "+col)
}

func (c *schemaCache) reset() {
	c.mu.Lock()
	c.m = map[string]*sjsonSchema{}
	c.mu.Unlock()
}
