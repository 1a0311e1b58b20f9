package cost

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/candlefish-ai/infrastructure/internal/model"
)

// num reads a number: int64, float64 or a numeric string (Terraform keeps
// some numbers as strings, e.g. a task definition's cpu "256").
func num(v any) (float64, bool) {
	switch x := v.(type) {
	case int64:
		return float64(x), true
	case int:
		return float64(x), true
	case float64:
		return x, true
	case string:
		f, err := strconv.ParseFloat(strings.TrimSpace(x), 64)
		return f, err == nil
	}
	return 0, false
}

func str(v any) (string, bool) {
	s, ok := v.(string)
	return s, ok
}

func boolean(v any) (value, ok bool) {
	b, ok := v.(bool)
	return b, ok
}

// blocks returns the nested blocks of v (a list of objects).
func blocks(v any) []map[string]any {
	var out []map[string]any
	switch x := v.(type) {
	case []any:
		for _, e := range x {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
	case map[string]any:
		out = append(out, x)
	}
	return out
}

// first returns the first nested block of v, or nil.
func first(v any) map[string]any {
	if bs := blocks(v); len(bs) > 0 {
		return bs[0]
	}
	return nil
}

// address parts of a resource address: module path, type, name and
// instance key (as written, without brackets: 0 or "a").
type addressParts struct {
	Module string
	Type   string
	Name   string
	Key    string // "" when the address has no instance key; "*" for a wildcard
	Data   bool
}

// parseAddress splits module.a["x"].aws_s3_bucket.this["k"] into its parts.
// Dots and brackets inside quoted keys are kept as they are.
func parseAddress(addr string) (addressParts, error) {
	var segs []string // each segment with its [key] suffix
	var cur strings.Builder
	inQuote, depth := false, 0
	for i := 0; i < len(addr); i++ {
		c := addr[i]
		switch {
		case inQuote:
			cur.WriteByte(c)
			if c == '\\' && i+1 < len(addr) {
				i++
				cur.WriteByte(addr[i])
			} else if c == '"' {
				inQuote = false
			}
		case c == '"':
			inQuote = true
			cur.WriteByte(c)
		case c == '[':
			depth++
			cur.WriteByte(c)
		case c == ']':
			depth--
			cur.WriteByte(c)
		case c == '.' && depth == 0:
			segs = append(segs, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(c)
		}
	}
	segs = append(segs, cur.String())
	if inQuote || depth != 0 {
		return addressParts{}, fmt.Errorf("address %q: unbalanced quotes or brackets", addr)
	}
	var p addressParts
	var module []string
	i := 0
	for i+1 < len(segs) && segs[i] == "module" {
		module = append(module, "module."+segs[i+1])
		i += 2
	}
	p.Module = strings.Join(module, ".")
	rest := segs[i:]
	if len(rest) == 3 && rest[0] == "data" {
		p.Data = true
		rest = rest[1:]
	}
	if len(rest) != 2 || rest[0] == "" || strings.Contains(rest[0], "[") {
		return addressParts{}, fmt.Errorf("address %q: want [module.<name>.]<type>.<name>[<key>]", addr)
	}
	p.Type = rest[0]
	name := rest[1]
	if j := strings.IndexByte(name, '['); j >= 0 {
		if !strings.HasSuffix(name, "]") {
			return addressParts{}, fmt.Errorf("address %q: an instance key must end the address", addr)
		}
		p.Key = strings.Trim(name[j+1:len(name)-1], `"`)
		name = name[:j]
	}
	if name == "" {
		return addressParts{}, fmt.Errorf("address %q: the resource has no name", addr)
	}
	p.Name = name
	return p, nil
}

// indexKey renders a resource's count index or for_each key as it appears
// between brackets, without quotes ("" for none).
func indexKey(r *model.Resource) string {
	if r.Index == nil {
		return ""
	}
	return fmt.Sprint(r.Index)
}

// round6 rounds to 6 decimals, enough for cents and for stable output.
func round6(f float64) float64 { return math.Round(f*1e6) / 1e6 }

// clamp bounds v to [lo, hi].
func clamp(v, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, v)) }
