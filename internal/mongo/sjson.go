package mongo

import (
	"context"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

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

// sjsonToBSON converts one stored document to BSON. Errors: a malformed document or an unknown type.
func sjsonToBSON(raw []byte) (bson.Raw, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return nil, err
	}
	var s sjsonSchema
	if err := json.Unmarshal(top["$s"], &s); err != nil {
		return nil, fmt.Errorf("sjson schema: %w", err)
	}
	d, err := sjsonDoc(&s, top)
	if err != nil {
		return nil, err
	}
	return bson.Marshal(d)
}

func sjsonDoc(s *sjsonSchema, fields map[string]json.RawMessage) (bson.D, error) {
	d := make(bson.D, 0, len(s.K))
	for _, k := range s.K {
		v, err := sjsonValue(s.P[k], fields[k])
		if err != nil {
			return nil, fmt.Errorf("%s: %w", k, err)
		}
		d = append(d, bson.E{Key: k, Value: v})
	}
	return d, nil
}

func sjsonValue(e *sjsonElem, raw json.RawMessage) (any, error) {
	if e == nil {
		return nil, fmt.Errorf("no schema")
	}
	switch e.T {
	case "object":
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(raw, &fields); err != nil {
			return nil, err
		}
		if e.S == nil {
			return bson.D{}, nil
		}
		return sjsonDoc(e.S, fields)
	case "array":
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			return nil, err
		}
		if len(items) != len(e.I) {
			return nil, fmt.Errorf("array of %d with %d schemas", len(items), len(e.I))
		}
		out := make(bson.A, len(items))
		for i := range items {
			v, err := sjsonValue(e.I[i], items[i])
			if err != nil {
				return nil, err
			}
			out[i] = v
		}
		return out, nil
	case "string":
		var v string
		err := json.Unmarshal(raw, &v)
		return v, err
	case "double":
		var v float64
		err := json.Unmarshal(raw, &v)
		return v, err
	case "int":
		var v int32
		err := json.Unmarshal(raw, &v)
		return v, err
	case "long":
		var v int64
		err := json.Unmarshal(raw, &v)
		return v, err
	case "bool":
		var v bool
		err := json.Unmarshal(raw, &v)
		return v, err
	case "null":
		return nil, nil
	case "date":
		var ms int64
		if err := json.Unmarshal(raw, &ms); err != nil {
			return nil, err
		}
		return bson.NewDateTimeFromTime(time.UnixMilli(ms)), nil
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
	case "timestamp":
		var ts uint64
		if err := json.Unmarshal(raw, &ts); err != nil {
			return nil, err
		}
		return bson.Timestamp{T: uint32(ts >> 32), I: uint32(ts)}, nil
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
	return apperr.Wrap(rows.Err(), "scan "+col)
}
