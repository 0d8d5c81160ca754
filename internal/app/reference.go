package app

import (
	"context"

	"github.com/anju-cn/anju/internal/apperr"
	"github.com/anju-cn/anju/internal/auth"
	"github.com/anju-cn/anju/internal/division"
	"github.com/anju-cn/anju/internal/vocab"
)

// Reference answers reference data every role may read: administrative divisions and the listed
// values of every enumerated field.
type Reference struct{ *core }

// DivisionView is a division with its full name.
type DivisionView struct {
	division.Division
	FullName string
}

// Divisions returns the children of parent (the provinces when parent is ""). Errors: invalid when
// parent is not a known division code.
func (r *Reference) Divisions(ctx context.Context, parent string) ([]DivisionView, error) {
	if _, err := require(ctx, auth.ReadReference); err != nil {
		return nil, err
	}
	if parent != "" {
		if _, ok := division.Lookup(parent); !ok {
			return nil, &apperr.Error{Code: apperr.Invalid, Message: "上级行政区划代码不存在",
				Fields: []apperr.FieldError{{Field: "parent", Message: "行政区划代码不存在"}}}
		}
	}
	var out []DivisionView
	for _, d := range division.Children(parent) {
		out = append(out, DivisionView{Division: d, FullName: division.FullName(d.Code)})
	}
	return out, nil
}

// Vocabularies returns every listed value set (relations, ethnicities, labour capacities, channels,
// ...), the same sets the validators accept. Errors: unauthenticated.
func (r *Reference) Vocabularies(ctx context.Context) ([]vocab.Set, error) {
	if _, err := require(ctx, auth.ReadReference); err != nil {
		return nil, err
	}
	return vocab.All(), nil
}
