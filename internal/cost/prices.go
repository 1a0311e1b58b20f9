package cost

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// HoursPerMonth is AWS's own convention for monthly prices of hourly items.
const HoursPerMonth = 730

//go:embed prices.tsv
var pricesTSV string

// Price is one row of prices.tsv: a public list price (or an assumption,
// said so in Basis) with the source it was read from.
type Price struct {
	ID         string  `json:"id"`
	Service    string  `json:"service"`
	Item       string  `json:"item"`
	Region     string  `json:"region"` // us-east-1, us-west-2, or all / global / account (any region)
	Unit       string  `json:"unit"`
	USD        float64 `json:"usd"`
	Assumption bool    `json:"assumption,omitempty"` // not a list price: printed as an assumption
	Source     string  `json:"source"`
	SourceDate string  `json:"source_date"`
}

// Describe is the one-line citation printed with assumptions and in docs.
func (p *Price) Describe() string {
	return fmt.Sprintf("%s, %s (%s): %s per %s [%s; %s, %s]", p.Service, p.Item, p.Region, trimFloat(p.USD), p.Unit, p.ID, p.Source, p.SourceDate)
}

// PriceBook is the project's price data, by id and region.
type PriceBook struct {
	rows map[string]map[string]*Price
	all  []*Price
}

// anyRegion are the region values of rows that apply in every region.
var anyRegion = map[string]bool{"all": true, "global": true, "account": true}

var defaultBook = sync.OnceValues(func() (*PriceBook, error) { return ParsePrices(pricesTSV) })

// Prices returns the embedded price data. It panics if prices.tsv is
// malformed, which its own test rules out.
func Prices() *PriceBook {
	b, err := defaultBook()
	if err != nil {
		panic(err)
	}
	return b
}

// ParsePrices reads a prices.tsv: a header line, then id, service, item,
// region, unit, usd, basis (list or assumption), source, source_date.
func ParsePrices(data string) (*PriceBook, error) {
	b := &PriceBook{rows: map[string]map[string]*Price{}}
	lines := strings.Split(strings.TrimRight(data, "\n"), "\n")
	want := "id\tservice\titem\tregion\tunit\tusd\tbasis\tsource\tsource_date"
	if len(lines) == 0 || lines[0] != want {
		return nil, fmt.Errorf("prices.tsv: the first line must be the header %q", want)
	}
	for i, line := range lines[1:] {
		f := strings.Split(line, "\t")
		if len(f) != 9 {
			return nil, fmt.Errorf("prices.tsv:%d: %d columns, want 9", i+2, len(f))
		}
		usd, err := strconv.ParseFloat(f[5], 64)
		if err != nil || usd < 0 {
			return nil, fmt.Errorf("prices.tsv:%d: usd %q is not a non-negative number", i+2, f[5])
		}
		if f[6] != "list" && f[6] != "assumption" {
			return nil, fmt.Errorf("prices.tsv:%d: basis %q: want list or assumption", i+2, f[6])
		}
		if f[7] == "" || f[8] == "" {
			return nil, fmt.Errorf("prices.tsv:%d: every price needs its source and source_date", i+2)
		}
		p := &Price{ID: f[0], Service: f[1], Item: f[2], Region: f[3], Unit: f[4], USD: usd,
			Assumption: f[6] == "assumption", Source: f[7], SourceDate: f[8]}
		if b.rows[p.ID] == nil {
			b.rows[p.ID] = map[string]*Price{}
		}
		if b.rows[p.ID][p.Region] != nil {
			return nil, fmt.Errorf("prices.tsv:%d: %s in %s appears twice", i+2, p.ID, p.Region)
		}
		b.rows[p.ID][p.Region] = p
		b.all = append(b.all, p)
	}
	return b, nil
}

// Lookup finds the price of id in region.
func (b *PriceBook) Lookup(id, region string) (*Price, error) {
	byRegion, ok := b.rows[id]
	if !ok {
		return nil, fmt.Errorf("no price %q in prices.tsv", id)
	}
	if p, ok := byRegion[region]; ok {
		return p, nil
	}
	for r, p := range byRegion {
		if anyRegion[r] {
			return p, nil
		}
	}
	var have []string
	for r := range byRegion {
		have = append(have, r)
	}
	sort.Strings(have)
	if region == "" {
		region = "(unknown region)"
	}
	return nil, fmt.Errorf("no price for %s in %s (prices.tsv has %s)", id, region, strings.Join(have, ", "))
}

// Has reports whether prices.tsv has any row for id.
func (b *PriceBook) Has(id string) bool { return b.rows[id] != nil }

// All returns every row in file order.
func (b *PriceBook) All() []*Price { return b.all }

func trimFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
