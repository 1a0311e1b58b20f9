// Package cost prices an evaluated Terraform model offline: every managed
// resource goes through the cost model of its type, with the AWS list prices
// of prices.tsv (each with its source) and the quantities of a usage file in
// Infracost's format. Nothing is guessed silently: a resource type without a
// model is unpriced, a quantity only a usage file can give is usage-dependent
// until one does, and prices that are not list prices are assumptions.
package cost

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/candlefish-ai/infrastructure/internal/model"
)

// Line is one priced component of a resource: quantity x unit price.
type Line struct {
	Component  string   `json:"component"`
	Service    string   `json:"service"`
	Quantity   float64  `json:"quantity"`
	Unit       string   `json:"unit"`
	UnitPrice  float64  `json:"unit_price_usd"`
	MonthlyUSD float64  `json:"monthly_usd"`
	Prices     []string `json:"prices"` // ids of the prices.tsv rows used
	Assumption bool     `json:"assumption,omitempty"`
	UsageKey   string   `json:"usage_key,omitempty"` // set when the quantity comes from the usage file
	Note       string   `json:"note,omitempty"`
}

// ResourceCost is one resource's priced lines.
type ResourceCost struct {
	Address    string   `json:"address"`
	Type       string   `json:"type"`
	Module     string   `json:"module"`
	Region     string   `json:"region"`
	Service    string   `json:"service"`
	MonthlyUSD float64  `json:"monthly_usd"`
	Lines      []Line   `json:"lines"`
	Notes      []string `json:"notes,omitempty"`
}

// Unpriced is a resource (Component "") or a component of one that has no
// price: no cost model, no price row, or a value known only after apply.
type Unpriced struct {
	Address   string `json:"address"`
	Type      string `json:"type"`
	Component string `json:"component,omitempty"`
	Reason    string `json:"reason"`
}

// UsageDependent is a component priced only from a usage file, which gave no
// quantity for it: it counts as $0 until one does.
type UsageDependent struct {
	Address   string `json:"address"`
	Component string `json:"component"`
	UsageKey  string `json:"usage_key"`
}

// FreeType counts the resources of a type that AWS does not charge for.
type FreeType struct {
	Type   string `json:"type"`
	Count  int    `json:"count"`
	Source string `json:"source"`
}

// Total is a sum by service or module.
type Total struct {
	Name       string  `json:"name"`
	MonthlyUSD float64 `json:"monthly_usd"`
}

// Assumption is something the estimate relies on that is not a list price.
type Assumption struct {
	PriceID string `json:"price_id,omitempty"`
	Text    string `json:"text"`
}

// Estimate is the monthly cost of one root module (or plan).
type Estimate struct {
	Target          string           `json:"target"`
	Dir             string           `json:"dir,omitempty"`
	UsageFile       string           `json:"usage_file,omitempty"`
	Traffic         float64          `json:"traffic"`
	MonthlyRequests float64          `json:"monthly_requests,omitempty"`
	MonthlyUSD      float64          `json:"monthly_usd"`
	BudgetUSD       *float64         `json:"budget_usd"`
	BudgetAddress   string           `json:"budget_address,omitempty"`
	OverBudget      bool             `json:"over_budget"`
	Services        []Total          `json:"services"`
	Modules         []Total          `json:"modules"`
	Resources       []ResourceCost   `json:"resources"`
	UsageDependent  []UsageDependent `json:"usage_dependent"`
	Unpriced        []Unpriced       `json:"unpriced"`
	Free            []FreeType       `json:"free"`
	Assumptions     []Assumption     `json:"assumptions"`
	Notes           []string         `json:"notes,omitempty"`
}

// Options changes how an estimate is made.
type Options struct {
	Usage   *Usage     // nil: no usage file, usage-based components are usage-dependent
	Traffic float64    // multiplier of traffic-driven quantities and task counts; 0 means 1
	Prices  *PriceBook // nil: the embedded prices.tsv
}

// costModel prices one resource type.
type costModel struct {
	service string
	price   func(e *engine, b *builder)
}

// models is filled by the model files' init functions.
var models = map[string]costModel{}

func register(service string, price func(e *engine, b *builder), types ...string) {
	for _, t := range types {
		models[t] = costModel{service: service, price: price}
	}
}

// HasModel reports whether a resource type has a cost model.
func HasModel(typ string) bool { _, ok := models[typ]; return ok }

// generalAssumptions hold for every estimate.
var generalAssumptions = []string{
	"A month is 730 hours (AWS's convention); hourly prices are multiplied by 730.",
	"Prices are on-demand list prices from internal/cost/prices.tsv: no Savings Plans, reserved capacity, credits or taxes.",
	"Per-account free tiers (CloudWatch, Lambda, SNS, ...) are not deducted: an environment shares its account's free tier with others.",
	"Usage-based quantities come from the usage file only; without one they cost $0 and are listed as usage-dependent.",
}

// Compute prices the resources of one root module (data sources are skipped).
func Compute(target string, resources []*model.Resource, opts Options) *Estimate {
	e := newEngine(resources, opts)
	est := &Estimate{Target: target, Traffic: e.traffic, Services: []Total{}, Modules: []Total{}, Resources: []ResourceCost{},
		UsageDependent: []UsageDependent{}, Unpriced: []Unpriced{}, Free: []FreeType{}, Assumptions: []Assumption{}}
	e.est = est
	if opts.Usage != nil {
		est.UsageFile = opts.Usage.File
		est.MonthlyRequests = opts.Usage.MonthlyRequests * e.traffic
	}
	free := map[string]int{}
	addresses := map[string]bool{}
	noRegion := 0
	for _, r := range e.managed {
		addresses[r.Address] = true
		m, ok := models[r.Type]
		if !ok {
			if _, isFree := freeTypes[r.Type]; isFree {
				free[r.Type]++
				continue
			}
			est.Unpriced = append(est.Unpriced, Unpriced{Address: r.Address, Type: r.Type, Reason: "no cost model"})
			continue
		}
		b := e.builder(r, m.service)
		if b.regionGuessed {
			noRegion++
		}
		m.price(e, b)
		b.finish()
	}
	if noRegion > 0 {
		est.Notes = append(est.Notes, fmt.Sprintf("%d resource(s) have no known region (their provider's region is unknown): priced at us-east-1 list prices", noRegion))
	}
	est.Notes = append(est.Notes, opts.Usage.Unmatched(addresses)...)
	for t, n := range free {
		est.Free = append(est.Free, FreeType{Type: t, Count: n, Source: freeTypes[t]})
	}
	sort.Slice(est.Free, func(i, j int) bool { return est.Free[i].Type < est.Free[j].Type })
	for _, a := range generalAssumptions {
		e.assume("", a)
	}
	est.Assumptions = e.assumptionList()
	e.budget()
	est.total()
	return est
}

// total sums lines by service, by module and overall, and compares with the budget.
func (est *Estimate) total() {
	services, modules := map[string]float64{}, map[string]float64{}
	est.MonthlyUSD = 0
	for i := range est.Resources {
		rc := &est.Resources[i]
		rc.MonthlyUSD = 0
		for _, l := range rc.Lines {
			rc.MonthlyUSD += l.MonthlyUSD
			services[l.Service] += l.MonthlyUSD
		}
		rc.MonthlyUSD = round6(rc.MonthlyUSD)
		mod := rc.Module
		if mod == "" {
			mod = "root module"
		}
		modules[mod] += rc.MonthlyUSD
		est.MonthlyUSD += rc.MonthlyUSD
	}
	est.MonthlyUSD = round6(est.MonthlyUSD)
	est.Services = sortedTotals(services)
	est.Modules = sortedTotals(modules)
	est.OverBudget = est.BudgetUSD != nil && est.MonthlyUSD > *est.BudgetUSD
}

// sortedTotals orders by cost, highest first, then by name.
func sortedTotals(m map[string]float64) []Total {
	out := make([]Total, 0, len(m))
	for k, v := range m {
		out = append(out, Total{Name: k, MonthlyUSD: round6(v)})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].MonthlyUSD != out[j].MonthlyUSD {
			return out[i].MonthlyUSD > out[j].MonthlyUSD
		}
		return out[i].Name < out[j].Name
	})
	return out
}

// engine holds what the cost models share for one estimate.
type engine struct {
	book        *PriceBook
	usage       *Usage
	traffic     float64
	managed     []*model.Resource
	byBlock     map[string][]*model.Resource
	byType      map[string][]*model.Resource
	assumptions map[string]Assumption
	est         *Estimate
}

func newEngine(resources []*model.Resource, opts Options) *engine {
	e := &engine{book: opts.Prices, usage: opts.Usage, traffic: opts.Traffic,
		byBlock: map[string][]*model.Resource{}, byType: map[string][]*model.Resource{}, assumptions: map[string]Assumption{}}
	if e.book == nil {
		e.book = Prices()
	}
	if e.traffic <= 0 {
		e.traffic = 1
	}
	for _, r := range resources {
		if r.Mode == model.ModeManaged {
			e.managed = append(e.managed, r)
		}
	}
	sort.Slice(e.managed, func(i, j int) bool { return e.managed[i].Address < e.managed[j].Address })
	for _, r := range e.managed {
		e.byBlock[r.BlockAddress()] = append(e.byBlock[r.BlockAddress()], r)
		e.byType[r.Type] = append(e.byType[r.Type], r)
	}
	return e
}

func (e *engine) assume(priceID, text string) {
	key := priceID + "\x00" + text
	e.assumptions[key] = Assumption{PriceID: priceID, Text: text}
}

// assumptionList returns price assumptions first (by id), then the rest in
// the order of generalAssumptions followed by model-specific ones, sorted.
func (e *engine) assumptionList() []Assumption {
	general := map[string]int{}
	for i, a := range generalAssumptions {
		general[a] = i + 1
	}
	out := make([]Assumption, 0, len(e.assumptions))
	for _, a := range e.assumptions {
		out = append(out, a)
	}
	rank := func(a Assumption) (int, int) {
		switch {
		case a.PriceID != "":
			return 0, 0
		case general[a.Text] > 0:
			return 1, general[a.Text]
		}
		return 2, 0
	}
	sort.Slice(out, func(i, j int) bool {
		ci, gi := rank(out[i])
		cj, gj := rank(out[j])
		if ci != cj {
			return ci < cj
		}
		if gi != gj {
			return gi < gj
		}
		if out[i].PriceID != out[j].PriceID {
			return out[i].PriceID < out[j].PriceID
		}
		return out[i].Text < out[j].Text
	})
	return out
}

// related returns the resources of type typ that r refers to (through its
// configuration, module inputs and outputs). When the referenced block has
// several instances, the one with r's own instance key is preferred.
func (e *engine) related(r *model.Resource, typ string) []*model.Resource {
	var out []*model.Resource
	for _, ref := range r.References {
		for _, c := range e.byBlock[ref] {
			if c.Type == typ {
				out = append(out, c)
			}
		}
	}
	return preferSameKey(r, out)
}

// referrers returns the resources of type typ that refer to r.
func (e *engine) referrers(r *model.Resource, typ string) []*model.Resource {
	block := r.BlockAddress()
	var out []*model.Resource
	for _, c := range e.byType[typ] {
		for _, ref := range c.References {
			if ref == block {
				out = append(out, c)
				break
			}
		}
	}
	return preferSameKey(r, out)
}

func preferSameKey(r *model.Resource, cands []*model.Resource) []*model.Resource {
	if len(cands) <= 1 {
		return cands
	}
	var same []*model.Resource
	for _, c := range cands {
		if indexKey(c) == indexKey(r) {
			same = append(same, c)
		}
	}
	if len(same) > 0 {
		return same
	}
	return cands
}

// builder collects one resource's lines.
type builder struct {
	e             *engine
	r             *model.Resource
	rc            ResourceCost
	region        string
	regionGuessed bool
	usage         map[string]float64
	unpriced      []Unpriced
	dependent     []UsageDependent
}

func (e *engine) builder(r *model.Resource, service string) *builder {
	b := &builder{e: e, r: r, region: r.Region,
		rc: ResourceCost{Address: r.Address, Type: r.Type, Module: r.Module, Region: r.Region, Service: service, Lines: []Line{}}}
	if b.region == "" {
		b.region, b.regionGuessed = "us-east-1", true
	}
	b.usage = e.usage.For(r.Address, r.Type)
	for k, v := range b.usage {
		if def, ok := usageKeyDef(r.Type, k); ok && def.Traffic {
			b.usage[k] = v * e.traffic
		}
	}
	return b
}

// finish files the resource: priced when it has lines or usage-dependent
// components, otherwise unpriced with the reasons its model gave.
func (b *builder) finish() {
	est := b.e.est
	est.Unpriced = append(est.Unpriced, b.unpriced...)
	est.UsageDependent = append(est.UsageDependent, b.dependent...)
	if len(b.rc.Lines) > 0 || len(b.dependent) > 0 || len(b.unpriced) == 0 {
		est.Resources = append(est.Resources, b.rc)
	}
}

// price looks up a price in the resource's region; a missing price makes
// the component unpriced.
func (b *builder) price(id, component string) (*Price, bool) {
	p, err := b.e.book.Lookup(id, b.region)
	if err != nil {
		b.unpricedComponent(component, err.Error())
		return nil, false
	}
	if p.Assumption {
		b.e.assume(p.ID, p.Describe())
	}
	return p, true
}

// line adds quantity (in the price's unit) x the price of id.
func (b *builder) line(component, id string, qty float64) *Line {
	p, ok := b.price(id, component)
	if !ok {
		return &Line{}
	}
	return b.add(Line{Component: component, Quantity: qty, Unit: p.Unit, UnitPrice: p.USD, Prices: []string{id}, Assumption: p.Assumption})
}

// derived adds a line whose unit price is computed from several prices
// (e.g. on-demand x (1 - Spot discount)).
func (b *builder) derived(component string, qty float64, unit string, unitPrice float64, ps ...*Price) *Line {
	l := Line{Component: component, Quantity: qty, Unit: unit, UnitPrice: unitPrice}
	for _, p := range ps {
		l.Prices = append(l.Prices, p.ID)
		l.Assumption = l.Assumption || p.Assumption
	}
	return b.add(l)
}

func (b *builder) add(l Line) *Line {
	if l.Service == "" {
		l.Service = b.rc.Service
	}
	l.Quantity = round6(l.Quantity)
	l.MonthlyUSD = round6(l.Quantity * l.UnitPrice)
	b.rc.Lines = append(b.rc.Lines, l)
	return &b.rc.Lines[len(b.rc.Lines)-1]
}

// use returns a usage value (already scaled by --traffic when traffic-driven).
func (b *builder) use(key string) (float64, bool) {
	v, ok := b.usage[key]
	return v, ok
}

// usageLine adds a usage-based line: qty converts the usage value to the
// price's unit. Without a value the component is usage-dependent.
func (b *builder) usageLine(component, id, key string, qty func(float64) float64) *Line {
	v, ok := b.use(key)
	if !ok {
		b.dependsOn(component, key)
		return &Line{}
	}
	l := b.line(component, id, qty(v))
	l.UsageKey = key
	return l
}

func (b *builder) dependsOn(component, key string) {
	b.dependent = append(b.dependent, UsageDependent{Address: b.r.Address, Component: component, UsageKey: key})
}

// noPrice reports a usage key that was given a value but has no price in
// prices.tsv; a zero or absent value costs nothing and is not reported.
func (b *builder) noPrice(key, component string) {
	if v, ok := b.use(key); ok && v > 0 {
		b.unpricedComponent(component, fmt.Sprintf("%s is set but prices.tsv has no price for it", key))
	}
}

func (b *builder) unpricedComponent(component, reason string) {
	b.unpriced = append(b.unpriced, Unpriced{Address: b.r.Address, Type: b.r.Type, Component: component, Reason: reason})
}

func (b *builder) note(format string, args ...any) {
	b.rc.Notes = append(b.rc.Notes, fmt.Sprintf(format, args...))
}

// value reads a known number at a path of the resource's values. ok is false
// when absent or null; unknown is true when it is known only after apply.
func (b *builder) value(path string) (v float64, ok, unknown bool) {
	raw, present := b.r.Lookup(path)
	if !present || raw == nil {
		return 0, false, false
	}
	if model.IsUnknown(raw) {
		return 0, false, true
	}
	v, ok = num(raw)
	return v, ok, false
}

// text reads a known string at a path ("" when absent, null or unknown).
func (b *builder) text(path string) string {
	raw, _ := b.r.Lookup(path)
	s, _ := str(raw)
	return s
}

// unknownBlocks notes nested blocks the model has as unknown: a dynamic
// block whose for_each is unknown, or empty (the evaluator reads both the
// same way). Nothing is priced for them, and the report says so.
func (b *builder) unknownBlocks(path, what string) {
	if raw, ok := b.r.Lookup(path); ok && model.IsUnknown(raw) {
		b.note("%s blocks are known only after apply or come from an empty dynamic block: no %s priced", path, what)
	}
}

// unknownValue records component as unpriced when the value at path is known
// only after apply, and reports whether it was.
func (b *builder) unknownValue(path, component string) bool {
	if raw, ok := b.r.Lookup(path); ok && model.IsUnknown(raw) {
		b.unpricedComponent(component, path+" is known only after apply")
		return true
	}
	return false
}

// budget reads the environment's monthly cost budget from aws_budgets_budget.
func (e *engine) budget() {
	var best *model.Resource
	bestLimit := math.Inf(1)
	for _, r := range e.byType["aws_budgets_budget"] {
		if t, _ := str(r.Values["budget_type"]); t != "" && t != "COST" {
			continue
		}
		if t, _ := str(r.Values["time_unit"]); t != "" && t != "MONTHLY" {
			continue
		}
		if u, _ := str(r.Values["limit_unit"]); u != "" && u != "USD" {
			continue
		}
		limit, ok := num(r.Values["limit_amount"])
		if !ok {
			e.est.Notes = append(e.est.Notes, fmt.Sprintf("%s: limit_amount is not a known number; not used as the budget", r.Address))
			continue
		}
		if limit < bestLimit {
			best, bestLimit = r, limit
		}
	}
	if best != nil {
		e.est.BudgetUSD = &bestLimit
		e.est.BudgetAddress = best.Address
	}
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}
