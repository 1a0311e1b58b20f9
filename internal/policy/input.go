package policy

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/candlefish-ai/infrastructure/internal/model"
	"github.com/candlefish-ai/infrastructure/internal/schema"
)

// Input is the document every policy reads as `input`.
type Input struct {
	Target      string          `json:"target"`
	Environment string          `json:"environment"` // dev, staging, production, or "" when unknown
	Resources   []InputResource `json:"resources"`
}

// InputResource is one resource or data source.
type InputResource struct {
	Address      string         `json:"address"`
	BlockAddress string         `json:"block_address"` // without instance key
	Type         string         `json:"type"`
	Name         string         `json:"name"`
	Mode         string         `json:"mode"`
	Module       string         `json:"module"`
	Provider     string         `json:"provider"`
	Region       string         `json:"region"`
	Values       map[string]any `json:"values"`
	Taggable     bool           `json:"taggable"`
	TagsAll      any            `json:"tags_all"` // default tags merged with the resource's; "(known after apply)" when not known
	References   []string       `json:"references"`
}

// FromModel builds the input from an evaluated root module. env is the
// environment name to assume when the configuration does not set one.
func FromModel(m *model.Model, target, env string, s *schema.Schema) *Input {
	in := &Input{Target: target, Environment: env, Resources: []InputResource{}}
	if e, ok := m.Variables["environment"].(string); ok {
		in.Environment = e
	}
	for _, r := range m.Resources {
		ir := InputResource{
			Address: r.Address, BlockAddress: r.BlockAddress(), Type: r.Type, Name: r.Name, Mode: r.Mode,
			Module: r.Module, Provider: r.Provider, Region: r.Region, Values: r.Values,
			References: append([]string{}, r.References...),
		}
		if r.Mode == model.ModeManaged {
			if sb := s.Resource(r.Type); sb != nil {
				_, ir.Taggable = sb.Arguments["tags"]
			}
			ir.TagsAll = mergeTags(r.DefaultTags, r.Values["tags"])
		}
		in.Resources = append(in.Resources, ir)
	}
	return in
}

func mergeTags(defaults map[string]any, own any) any {
	if model.IsUnknown(own) {
		return model.UnknownText
	}
	out := map[string]any{}
	for k, v := range defaults {
		out[k] = v
	}
	if m, ok := own.(map[string]any); ok {
		for k, v := range m {
			out[k] = v
		}
	}
	return out
}

// plan is the part of `terraform show -json` that policies need.
type plan struct {
	FormatVersion    string `json:"format_version"`
	TerraformVersion string `json:"terraform_version"`
	PlannedValues    struct {
		RootModule planModule `json:"root_module"`
	} `json:"planned_values"`
	ResourceChanges []struct {
		Address string `json:"address"`
		Change  struct {
			AfterUnknown any `json:"after_unknown"`
		} `json:"change"`
	} `json:"resource_changes"`
	Configuration struct {
		RootModule configModule `json:"root_module"`
	} `json:"configuration"`
	Variables map[string]struct {
		Value any `json:"value"`
	} `json:"variables"`
}

type planModule struct {
	Address   string `json:"address"`
	Resources []struct {
		Address string         `json:"address"`
		Mode    string         `json:"mode"`
		Type    string         `json:"type"`
		Name    string         `json:"name"`
		Values  map[string]any `json:"values"`
	} `json:"resources"`
	ChildModules []planModule `json:"child_modules"`
}

type configModule struct {
	Resources []struct {
		Address     string         `json:"address"`
		Expressions map[string]any `json:"expressions"`
	} `json:"resources"`
	ModuleCalls map[string]struct {
		Module configModule `json:"module"`
	} `json:"module_calls"`
}

// SupportedPlanFormat is the major version of `terraform show -json` output this reads.
const SupportedPlanFormat = "1."

var instanceKey = regexp.MustCompile(`\[[^\]]*\]`)

// FromPlan builds the input from the JSON of `terraform show -json <plan>`.
// Attributes known only after apply are marked as such, not left out.
func FromPlan(data []byte, target, env string) (*Input, error) {
	var p plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("not a plan in JSON (terraform show -json): %v", err)
	}
	if !strings.HasPrefix(p.FormatVersion, SupportedPlanFormat) {
		return nil, fmt.Errorf("plan JSON format_version %q: cfctl reads %sx (Terraform >= 1.0 `terraform show -json`)", p.FormatVersion, SupportedPlanFormat)
	}
	unknown := map[string]any{}
	for _, rc := range p.ResourceChanges {
		unknown[rc.Address] = rc.Change.AfterUnknown
	}
	refs := map[string][]string{}
	collectConfigRefs(p.Configuration.RootModule, "", refs)
	in := &Input{Target: target, Environment: env, Resources: []InputResource{}}
	if v, ok := p.Variables["environment"]; ok {
		if s, ok := v.Value.(string); ok {
			in.Environment = s
		}
	}
	var walk func(m planModule)
	walk = func(m planModule) {
		for _, r := range m.Resources {
			values := r.Values
			if values == nil {
				values = map[string]any{}
			}
			markUnknown(values, unknown[r.Address])
			mode := model.ModeManaged
			if r.Mode == "data" {
				mode = model.ModeData
			}
			block := instanceKey.ReplaceAllString(r.Address, "")
			ir := InputResource{
				Address: r.Address, BlockAddress: block, Type: r.Type, Name: r.Name, Mode: mode,
				Module: m.Address, Values: values, References: refs[block], TagsAll: values["tags_all"],
			}
			if ir.References == nil {
				ir.References = []string{}
			}
			if region, ok := values["region"].(string); ok {
				ir.Region = region
			}
			_, ir.Taggable = values["tags_all"]
			in.Resources = append(in.Resources, ir)
		}
		for _, c := range m.ChildModules {
			walk(c)
		}
	}
	walk(p.PlannedValues.RootModule)
	sort.Slice(in.Resources, func(i, j int) bool { return in.Resources[i].Address < in.Resources[j].Address })
	return in, nil
}

// markUnknown sets every attribute that after_unknown marks as unknown.
func markUnknown(values map[string]any, au any) {
	m, ok := au.(map[string]any)
	if !ok {
		return
	}
	for k, v := range m {
		switch x := v.(type) {
		case bool:
			if x {
				values[k] = model.UnknownText
			}
		case map[string]any:
			if sub, ok := values[k].(map[string]any); ok {
				markUnknown(sub, x)
			}
		case []any:
			if list, ok := values[k].([]any); ok {
				for i := range x {
					if i < len(list) {
						if sub, ok := list[i].(map[string]any); ok {
							markUnknown(sub, x[i])
						} else if b, ok := x[i].(bool); ok && b {
							list[i] = model.UnknownText
						}
					}
				}
			}
		}
	}
}

// collectConfigRefs maps each configured resource (block address) to the
// resources its expressions reference.
func collectConfigRefs(m configModule, prefix string, out map[string][]string) {
	for _, r := range m.Resources {
		set := map[string]bool{}
		collectRefs(r.Expressions, prefix, set)
		addr := prefix + r.Address
		delete(set, addr)
		for a := range set {
			out[addr] = append(out[addr], a)
		}
		sort.Strings(out[addr])
	}
	for name, call := range m.ModuleCalls {
		collectConfigRefs(call.Module, prefix+"module."+name+".", out)
	}
}

func collectRefs(v any, prefix string, set map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		if refs, ok := x["references"].([]any); ok {
			for _, r := range refs {
				s, _ := r.(string)
				parts := strings.Split(instanceKey.ReplaceAllString(s, ""), ".")
				switch {
				case len(parts) >= 3 && parts[0] == "data":
					set[prefix+strings.Join(parts[:3], ".")] = true
				case len(parts) >= 2 && strings.Contains(parts[0], "_"):
					set[prefix+strings.Join(parts[:2], ".")] = true
				}
			}
		}
		for _, e := range x {
			collectRefs(e, prefix, set)
		}
	case []any:
		for _, e := range x {
			collectRefs(e, prefix, set)
		}
	}
}
