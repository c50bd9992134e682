package rules

import (
	"fmt"
	"reflect"

	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"

	"github.com/pacta-law/pacta/cistreaty"
)

// dateTypeName is the CEL name of a calendar date.
const dateTypeName = "pacta.Date"

var (
	// dateType is the type the checker sees.
	dateType = types.NewOpaqueType(dateTypeName)
	// dateRuntimeType carries the comparer trait, so that the standard
	// ordering operators, declared without bindings for Date, dispatch to
	// celDate.Compare.
	dateRuntimeType = types.NewObjectType(dateTypeName, traits.ComparerType)
)

// celDate is a cistreaty.Date as a CEL value.
type celDate struct{ d cistreaty.Date }

func (v celDate) ConvertToNative(t reflect.Type) (any, error) {
	switch t {
	case reflect.TypeOf(cistreaty.Date{}):
		return v.d, nil
	case reflect.TypeOf(""):
		return v.d.String(), nil
	}
	return nil, fmt.Errorf("type conversion error from Date to %v", t)
}

func (v celDate) ConvertToType(t ref.Type) ref.Val {
	switch t.TypeName() {
	case types.StringType.TypeName():
		return types.String(v.d.String())
	case dateTypeName:
		return v
	case types.TypeType.TypeName():
		return dateRuntimeType
	}
	return types.NewErr("type conversion error from Date to %s", t.TypeName())
}

func (v celDate) Equal(o ref.Val) ref.Val {
	w, ok := o.(celDate)
	return types.Bool(ok && w.d == v.d)
}

func (v celDate) Type() ref.Type { return dateRuntimeType }
func (v celDate) Value() any     { return v.d }

// Compare implements traits.Comparer.
func (v celDate) Compare(o ref.Val) ref.Val {
	w, ok := o.(celDate)
	if !ok {
		return types.MaybeNoSuchOverloadErr(o)
	}
	return types.Int(v.d.Compare(w.d))
}
