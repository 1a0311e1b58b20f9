package cost

import (
	"encoding/json"

	"github.com/candlefish-ai/infrastructure/internal/model"
	"github.com/candlefish-ai/infrastructure/internal/policy"
)

// ResourcesFromPlan reads the JSON of `terraform show -json <planfile>` into
// the same resources the cost models read from an evaluated configuration.
// It checks the format version (policy.FromPlan) and marks values known only
// after apply as model.Unknown. A resource without a region attribute gets
// the region of the default aws provider configuration.
func ResourcesFromPlan(data []byte, name string) ([]*model.Resource, error) {
	in, err := policy.FromPlan(data, name, "")
	if err != nil {
		return nil, err
	}
	var cfg struct {
		Configuration struct {
			ProviderConfig map[string]struct {
				Expressions struct {
					Region struct {
						ConstantValue string `json:"constant_value"`
					} `json:"region"`
				} `json:"expressions"`
			} `json:"provider_config"`
		} `json:"configuration"`
	}
	_ = json.Unmarshal(data, &cfg) // FromPlan has checked that the JSON parses
	defaultRegion := cfg.Configuration.ProviderConfig["aws"].Expressions.Region.ConstantValue
	out := make([]*model.Resource, 0, len(in.Resources))
	for _, ir := range in.Resources {
		r := &model.Resource{Address: ir.Address, Mode: ir.Mode, Type: ir.Type, Name: ir.Name, Module: ir.Module,
			Provider: ir.Provider, Region: ir.Region, References: ir.References}
		if r.Region == "" && r.Mode == model.ModeManaged {
			r.Region = defaultRegion
		}
		if p, err := parseAddress(ir.Address); err == nil && p.Key != "" {
			r.Index = p.Key
		}
		r.Values, _ = unknowns(ir.Values).(map[string]any)
		if r.Values == nil {
			r.Values = map[string]any{}
		}
		out = append(out, r)
	}
	return out, nil
}

// unknowns turns the "(known after apply)" markers of plan values into model.Unknown.
func unknowns(v any) any {
	switch x := v.(type) {
	case string:
		if x == model.UnknownText {
			return model.Unknown
		}
	case map[string]any:
		for k, e := range x {
			x[k] = unknowns(e)
		}
	case []any:
		for i, e := range x {
			x[i] = unknowns(e)
		}
	}
	return v
}
