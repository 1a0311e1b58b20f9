package model

import (
	"math/big"
	"regexp"
	"sort"

	"github.com/zclconf/go-cty/cty"
	"github.com/zclconf/go-cty/cty/convert"
)

// placeholderID matches the random ids trivy's evaluator gives computed
// attributes (id, arn, json) of resources and data sources. A string that
// contains one was derived from a value only known after apply.
var placeholderID = regexp.MustCompile(`[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}`)

// placeholderRegion is what trivy's evaluator invents for data.aws_region's name.
const placeholderRegion = "current-region"

// toGo converts an evaluated value to plain Go values (string, int64,
// float64, bool, []any, map[string]any, nil) with Unknown where the value is
// not known before apply.
func toGo(v cty.Value) any {
	if v == cty.NilVal {
		return Unknown
	}
	v, _ = v.UnmarkDeep()
	if !v.IsKnown() {
		return Unknown
	}
	if v.IsNull() {
		return nil
	}
	t := v.Type()
	switch {
	case t == cty.String:
		s := v.AsString()
		if placeholderID.MatchString(s) || s == placeholderRegion {
			return Unknown
		}
		return s
	case t == cty.Number:
		bf := v.AsBigFloat()
		if bf.IsInt() {
			if i, acc := bf.Int64(); acc == big.Exact {
				return i
			}
		}
		f, _ := bf.Float64()
		return f
	case t == cty.Bool:
		return v.True()
	case t.IsListType() || t.IsSetType() || t.IsTupleType():
		out := make([]any, 0, v.LengthInt())
		for it := v.ElementIterator(); it.Next(); {
			_, e := it.Element()
			out = append(out, toGo(e))
		}
		return out
	case t.IsMapType() || t.IsObjectType():
		out := map[string]any{}
		for it := v.ElementIterator(); it.Next(); {
			k, e := it.Element()
			out[k.AsString()] = toGo(e)
		}
		return out
	}
	return Unknown
}

// convertTo converts a variable's value to its declared type, as Terraform does.
func convertTo(v cty.Value, t cty.Type) (cty.Value, error) {
	if t == cty.NilType || t == cty.DynamicPseudoType {
		return v, nil
	}
	return convert.Convert(v, t)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
