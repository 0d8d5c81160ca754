package mongo

import (
	"testing"

	"go.mongodb.org/mongo-driver/v2/bson"
)

// FuzzSJSONToBSON feeds arbitrary bytes to the reader of FerretDB's stored documents (a damaged
// database file is outside input too): it must return an error or valid BSON, never panic.
func FuzzSJSONToBSON(f *testing.F) {
	f.Add([]byte(`{"$s":{"p":{"_id":{"t":"string"},"n":{"t":"int"},"at":{"t":"date"},"ok":{"t":"bool"}},"$k":["_id","n","at","ok"]},"_id":"h1","n":3,"at":1700000000000,"ok":true}`))
	f.Add([]byte(`{"$s":{"p":{"_id":{"t":"string"},"m":{"t":"array","i":[{"t":"object","$s":{"p":{"x":{"t":"double"}},"$k":["x"]}}]}},"$k":["_id","m"]},"_id":"h2","m":[{"x":1.5}]}`))
	f.Add([]byte(`{"$s":{"p":{"_id":{"t":"objectId"},"b":{"t":"binData","s":0},"l":{"t":"long"}},"$k":["_id","b","l"]},"_id":"0123456789abcdef01234567","b":"aGk=","l":9007199254740993}`))
	f.Add([]byte(`{"$s":{}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		out, err := sjsonToBSON(raw)
		if err != nil {
			return
		}
		if err := bson.Raw(out).Validate(); err != nil {
			t.Fatalf("invalid BSON from %q: %v", raw, err)
		}
	})
}
