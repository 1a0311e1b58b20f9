package cost

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/candlefish-ai/infrastructure/internal/model"
	"github.com/candlefish-ai/infrastructure/internal/project"
)

// DocPath is where GenerateDoc's output lives in the repository.
const DocPath = "terraform/docs/cost.md"

// seedRow is one row of the seed's cost tables.
type seedRow struct {
	Name      string
	Low, High float64
	Config    string
	Services  []string // cfctl services that make up the row; nil: everything else (Misc)
}

type seedTable struct {
	Env       string
	Low, High float64
	Rows      []seedRow
}

var (
	svcECS      = []string{"ECS Fargate"}
	svcCache    = []string{"ElastiCache"}
	svcNAT      = []string{"NAT Gateway", "EC2", "EBS"} // EC2 and EBS: a NAT instance and its volume
	svcS3       = []string{"S3"}
	svcDynamo   = []string{"DynamoDB"}
	svcAurora   = []string{"Aurora"}
	svcWatch    = []string{"CloudWatch", "Synthetics", "X-Ray"}
	svcSecurity = []string{"CloudTrail", "Config", "GuardDuty"}
	svcCDN      = []string{"CloudFront", "Lambda@Edge", "Kinesis"}
)

// seedTables are the seed's "Cost Estimation" tables, row by row.
var seedTables = []seedTable{
	{"dev", 50, 100, []seedRow{
		{"ECS Fargate (Spot)", 15, 25, "1x 256 CPU, 512 MB RAM", svcECS},
		{"ElastiCache", 10, 10, "cache.t3.micro", svcCache},
		{"NAT Gateway", 15, 15, "Single AZ", svcNAT},
		{"S3 Storage", 5, 5, "100 GB with lifecycle", svcS3},
		{"DynamoDB", 2, 2, "Pay per request, low usage", svcDynamo},
		{"CloudWatch", 8, 8, "Basic monitoring", svcWatch},
		{"Misc (KMS, etc.)", 5, 5, "", nil},
	}},
	{"staging", 200, 400, []seedRow{
		{"ECS Fargate", 50, 80, "2x 512 CPU, 1024 MB RAM (70% Spot)", svcECS},
		{"ElastiCache", 25, 25, "cache.t3.small", svcCache},
		{"NAT Gateways", 45, 45, "Multi-AZ", svcNAT},
		{"S3 Storage", 15, 15, "500 GB with replication", svcS3},
		{"DynamoDB", 10, 10, "Pay per request, moderate usage", svcDynamo},
		{"Aurora Serverless", 30, 60, "0.5-2.0 ACU", svcAurora},
		{"CloudWatch", 25, 25, "Enhanced monitoring", svcWatch},
		{"Security Services", 20, 20, "CloudTrail + Config", svcSecurity},
		{"CDN", 10, 10, "PriceClass_200", svcCDN},
		{"Misc", 15, 15, "", nil},
	}},
	{"production", 800, 1500, []seedRow{
		{"ECS Fargate", 200, 400, "3-20x 2048 CPU, 4096 MB RAM", svcECS},
		{"ElastiCache", 150, 150, "cache.r7g.large cluster", svcCache},
		{"NAT Gateways", 135, 135, "Multi-AZ + backup region", svcNAT},
		{"S3 Storage", 50, 50, "2TB with cross-region replication", svcS3},
		{"DynamoDB", 50, 50, "Provisioned + auto-scaling", svcDynamo},
		{"Aurora Global", 200, 400, "1-16 ACU with global database", svcAurora},
		{"CloudWatch", 100, 100, "Full monitoring + Synthetics", svcWatch},
		{"Security Services", 150, 150, "Full security suite", svcSecurity},
		{"CDN", 50, 50, "PriceClass_All with Lambda@Edge", svcCDN},
		{"WAF", 30, 30, "Web Application Firewall", []string{"WAF"}},
		{"Transit Gateway", 36, 36, "Multi-region connectivity", []string{"Transit Gateway", "Data transfer"}},
		{"Misc", 50, 50, "", nil},
	}},
}

// rowNotes explain, from the prices alone, why a seed row and cfctl differ.
var rowNotes = map[string]string{
	"ECS Fargate": "cfctl prices each service's task definition (vCPU and memory, x86 or ARM) for its task count " +
		"(desired_count within the autoscaling bounds), split between FARGATE and FARGATE_SPOT by the capacity provider " +
		"strategy's base and weights, with Spot at 30 % of the on-demand price (an assumption: Spot prices move). " +
		"One 0.25 vCPU / 0.5 GB x86 task costs $9.01 a month on demand and $2.70 on Spot, below the seed's $15-25.",
	"ElastiCache": "Node-hours at list price: Valkey nodes cost 0.8 x the Redis OSS price of the same type, and a " +
		"replication group bills every node. The seed's figures are one Redis OSS node: cache.t3.micro $12.41, " +
		"cache.t3.small $24.82, cache.r7g.large $159.87 a month.",
	"NAT Gateway": "Each NAT gateway bills 730 h x $0.045 = $32.85 a month before any data ($0.045 per GB processed): " +
		"the seed's $15 for one gateway and $45 for three are below the hourly charge. A NAT instance " +
		"(nat_mode = \"instance\", dev) bills its hours instead, t4g.nano 730 h x $0.0042 = $3.07, and its 8 GB gp3 " +
		"volume ($0.64), with no charge per GB. The Elastic IPs ($3.65 a month each) are under Misc (Public IPv4).",
	"S3 Storage": "Storage per class from the usage file (Standard $0.023, Standard-IA $0.0125 per GB-month), " +
		"requests and cross-region replication transfer ($0.02 per GB); replicas in us-west-2 are a second copy " +
		"and are billed again. The seed's figures are about the stated size at the Standard price ($2.30 per 100 GB), " +
		"without the replicas.",
	"DynamoDB": "On-demand tables are billed per request unit from the usage file; provisioned tables per " +
		"capacity unit-hour from the configuration (within autoscaling bounds); storage and point-in-time " +
		"recovery (billed on the table's size) come on top.",
	"Aurora": "Each db.serverless instance bills its average ACU (the usage file's capacity_units_per_hr, within the " +
		"cluster's min and max) at $0.12 per ACU-hour: 0.5 ACU is $43.80 a month, 1 ACU $87.60. Storage, I/O and, for a " +
		"global database, the replicated write I/O (an assumption) come on top. A cluster with minimum 0 pauses when " +
		"idle, and the usage file's average counts the paused hours at 0 ACU. A headless secondary (no instance until a " +
		"failover) bills only its storage.",
	"CloudWatch": "Alarms ($0.10 per metric), dashboards ($3), custom metrics ($0.30, Container Insights and metric " +
		"filters), log ingestion ($0.50 per GB) and storage, Synthetics runs and X-Ray traces; the account's free tier " +
		"is not deducted.",
	"Security Services": "CloudTrail's first copy of management events is free; Config bills configuration items " +
		"($0.003) and rule evaluations ($0.001) from the usage file; GuardDuty bills the events and flow/DNS logs it " +
		"analyses. GuardDuty protection plans have no price in prices.tsv and are listed as unpriced.",
	"CDN": "CloudFront transfer out ($0.085 per GB, US/Europe), HTTPS requests ($0.01 per 10,000), real-time log " +
		"lines, CloudFront Functions, Lambda@Edge and the Kinesis stream of the real-time logs, from the usage file.",
	"WAF": "Each web ACL bills $5 a month plus $1 per rule or rule group and $0.60 per million requests; the " +
		"environment has a CloudFront and a regional ACL.",
	"Transit Gateway": "Every attachment bills 730 h x $0.05 = $36.50 a month: the VPC attachments in both regions and " +
		"the peering attachment on both transit gateways, plus data processed ($0.02 per GB) and inter-region transfer. " +
		"The seed's $36 is one attachment.",
	"Misc": "Everything else: KMS keys ($1 a month each) and requests, Secrets Manager, public IPv4 addresses, " +
		"interface VPC endpoints ($0.01 per AZ-hour), the load balancer, SNS, Lambda, budgets.",
}

func rowNote(name string) string {
	for _, prefix := range []string{"ECS Fargate", "NAT Gateway", "Aurora", "Misc"} {
		if strings.HasPrefix(name, prefix) {
			return rowNotes[prefix]
		}
	}
	return rowNotes[name]
}

// EnvironmentEstimate prices one environment of the repository with its usage file.
func EnvironmentEstimate(ctx context.Context, repo, env string, traffic float64) (*Estimate, []*model.Resource, *Usage, error) {
	dir := filepath.Join(repo, project.EnvironmentsDir, env)
	m, err := model.Load(ctx, dir, model.Options{})
	if err != nil {
		return nil, nil, nil, err
	}
	var u *Usage
	path := filepath.Join(dir, UsageFileName)
	if data, err := os.ReadFile(path); err == nil {
		if u, err = ParseUsage(data, filepath.ToSlash(filepath.Join(project.EnvironmentsDir, env, UsageFileName))); err != nil {
			return nil, nil, nil, err
		}
	}
	est := Compute(env, m.Resources, Options{Usage: u, Traffic: traffic})
	est.Dir = filepath.ToSlash(filepath.Join(project.EnvironmentsDir, env))
	return est, m.Resources, u, nil
}

// GenerateDoc renders terraform/docs/cost.md: for each environment, the
// seed's estimate beside cfctl's, row by row, with the differences explained.
func GenerateDoc(ctx context.Context, repo string) ([]byte, error) {
	var ins []docInput
	for _, st := range seedTables {
		est, res, u, err := EnvironmentEstimate(ctx, repo, st.Env, 1)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", st.Env, err)
		}
		ins = append(ins, docInput{est, res, u})
	}
	return generateDoc(ins)
}

// docInput is one environment's estimate with what it was made from, in
// the order of seedTables.
type docInput struct {
	est       *Estimate
	resources []*model.Resource
	usage     *Usage
}

func generateDoc(ins []docInput) ([]byte, error) {
	var b bytes.Buffer
	type envDoc struct {
		seed  seedTable
		est   *Estimate
		curve *Curve
	}
	var envs []envDoc
	for i, st := range seedTables {
		in := ins[i]
		var curve *Curve
		if in.usage != nil && in.usage.MonthlyRequests > 0 {
			var err error
			if curve, err = TrafficCurve(st.Env, in.resources, in.usage, []float64{1, 10, 100}); err != nil {
				return nil, err
			}
		}
		envs = append(envs, envDoc{st, in.est, curve})
	}
	fmt.Fprint(&b, `# Cost guide

<!-- Generated by `+"`cfctl cost docs --out terraform/docs/cost.md`"+`; `+"`go test ./internal/cost`"+` checks that it is
current and `+"`go test ./internal/cost -update`"+` rewrites it. Do not edit by hand. -->

What each environment costs a month, offline, from `+"`cfctl cost`"+`, beside the estimates of the seed
(the project's original plan). Every price comes from `+"`internal/cost/prices.tsv`"+`, AWS list prices for
us-east-1 and us-west-2 with their source and date (see [Prices](#prices)).

How cfctl prices an environment:

- **Configuration-driven** quantities come from the evaluated Terraform: task sizes and counts, node types,
  NAT gateways, endpoints, attachments, keys, alarms. A month is 730 hours.
- **Usage-driven** quantities (GB, requests, ACU averages) come from the environment's `+"`usage.yml`"+`
  (Infracost's format). Without one, they cost $0 and are listed as *usage-dependent*.
- **Unpriced**: a resource type without a cost model, or a component without a price in prices.tsv, is listed as
  unpriced, never counted as $0. **Free** resource types (IAM, security groups, route tables, ...) are an explicit list
  with the source that says so.
- **Assumptions** (Fargate Spot discount, Aurora Global replicated write I/O, Budgets) are not list prices and are
  printed as such.

`+"```bash"+`
cfctl cost production                          # breakdown by module, service and resource; exit 2 over budget
cfctl cost staging --format markdown           # the same as a Markdown table
cfctl cost diff production --base main --max-increase 10%   # what a change adds (CI gate)
cfctl cost --all --traffic 1,10,100 --plot cost.svg         # cost versus traffic
cfctl cost --plan plan.json production         # price the exact plan (terraform show -json)
`+"```"+`

## Summary

| environment | seed estimate | cfctl | budget | usage file |
| --- | ---: | ---: | ---: | --- |
`)
	for _, e := range envs {
		budget := "none"
		if e.est.BudgetUSD != nil {
			budget = Money(*e.est.BudgetUSD)
			if e.est.OverBudget {
				budget += " (over)"
			}
		}
		fmt.Fprintf(&b, "| %s | %s | **%s** | %s | `%s` |\n", e.seed.Env, seedRange(e.seed.Low, e.seed.High), Money(e.est.MonthlyUSD), budget, e.est.UsageFile)
	}
	fmt.Fprintln(&b)
	for _, e := range envs {
		writeEnvDoc(&b, e.seed, e.est)
		if e.curve != nil {
			WriteCurves(&b, FormatMarkdown, []*Curve{e.curve})
			fmt.Fprintln(&b)
		}
	}
	writeUsageKeys(&b)
	writePriceTable(&b)
	return b.Bytes(), nil
}

// writeUsageKeys lists every usage key the cost models read.
func writeUsageKeys(b *bytes.Buffer) {
	fmt.Fprintf(b, "## Usage keys\n\nWhat a usage file may give, per resource type, under `resource_type_default_usage.<type>` "+
		"or `resource_usage.<address>` (an address may end in `[*]` for every instance). Nested keys are written nested "+
		"(`standard:` then `storage_gb:`). *Traffic* keys scale with `--traffic`. Keys marked cfctl are cfctl's own, in "+
		"Infracost's style; the others are Infracost's. A top-level `traffic: {monthly_requests: N}` (cfctl's own) gives "+
		"the requests per month the traffic keys correspond to.\n\n")
	fmt.Fprintf(b, "| resource type | key | meaning | traffic | origin |\n| --- | --- | --- | --- | --- |\n")
	for _, typ := range UsageTypes() {
		for _, k := range usageSchema[typ] {
			traffic, origin := "", "Infracost"
			if k.Traffic {
				traffic = "yes"
			}
			if k.Cfctl {
				origin = "cfctl"
			}
			fmt.Fprintf(b, "| `%s` | `%s` | %s | %s | %s |\n", typ, k.Key, mdEscape(k.Doc), traffic, origin)
		}
	}
	fmt.Fprintln(b)
}

func seedRange(lo, hi float64) string {
	if lo == hi {
		return fmt.Sprintf("$%.0f", lo)
	}
	return fmt.Sprintf("$%.0f-%.0f", lo, hi)
}

// lineGroup sums the lines of one component at one unit price.
type lineGroup struct {
	service         string
	component, unit string
	unitPrice, qty  float64
	monthly         float64
	resources       int
}

func writeEnvDoc(b *bytes.Buffer, st seedTable, est *Estimate) {
	fmt.Fprintf(b, "## %s\n\n", st.Env)
	fmt.Fprintf(b, "Seed: **%s** a month. cfctl: **%s**.\n\n", seedRange(st.Low, st.High), est.BudgetLine())
	// Which seed row each service belongs to.
	rowOf := map[string]int{}
	misc := -1
	for i, r := range st.Rows {
		if r.Services == nil {
			misc = i
		}
		for _, s := range r.Services {
			rowOf[s] = i
		}
	}
	row := func(service string) int {
		if i, ok := rowOf[service]; ok {
			return i
		}
		return misc
	}
	sums := make([]float64, len(st.Rows))
	groups := make([]map[string]*lineGroup, len(st.Rows))
	services := make([]map[string]bool, len(st.Rows))
	for i := range groups {
		groups[i] = map[string]*lineGroup{}
		services[i] = map[string]bool{}
	}
	for _, r := range est.Resources {
		for _, l := range r.Lines {
			i := row(l.Service)
			sums[i] += l.MonthlyUSD
			if l.MonthlyUSD > 0 {
				services[i][l.Service] = true
			}
			key := l.Service + "\x00" + l.Component + "\x00" + trimFloat(l.UnitPrice)
			g := groups[i][key]
			if g == nil {
				g = &lineGroup{service: l.Service, component: l.Component, unit: l.Unit, unitPrice: l.UnitPrice}
				groups[i][key] = g
			}
			g.qty += l.Quantity
			g.monthly += l.MonthlyUSD
			g.resources++
		}
	}
	dependent := make([]int, len(st.Rows))
	serviceOf := map[string]string{}
	for _, r := range est.Resources {
		serviceOf[r.Address] = r.Service
	}
	for _, d := range est.UsageDependent {
		dependent[row(serviceOf[d.Address])]++
	}
	fmt.Fprintf(b, "| seed row | seed configuration | seed | cfctl | difference | cfctl's biggest components |\n| --- | --- | ---: | ---: | ---: | --- |\n")
	for i, r := range st.Rows {
		diff := "within"
		switch {
		case sums[i] > r.High+0.005:
			diff = "+" + Money(sums[i]-r.High)
		case sums[i] < r.Low-0.005:
			diff = "-" + Money(r.Low-sums[i])
		}
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", r.Name, r.Config, seedRange(r.Low, r.High), Money(sums[i]), diff, mdEscape(biggest(groups[i], dependent[i], r.Services == nil)))
	}
	diff := "within"
	switch {
	case est.MonthlyUSD > st.High:
		diff = "+" + Money(est.MonthlyUSD-st.High)
	case est.MonthlyUSD < st.Low:
		diff = "-" + Money(st.Low-est.MonthlyUSD)
	}
	fmt.Fprintf(b, "| **total** | | **%s** | **%s** | %s | |\n\n", seedRange(st.Low, st.High), Money(est.MonthlyUSD), diff)
	fmt.Fprintf(b, "Why they differ:\n\n")
	for i, r := range st.Rows {
		what := ""
		if len(groups[i]) == 0 {
			what = " The configuration has no resources of this kind yet: cfctl counts $0."
		} else if sums[i] == 0 && dependent[i] > 0 {
			what = " Its components are usage-dependent and the usage file gives no quantities for them."
		}
		if r.Services == nil && len(services[i]) > 0 {
			what += " Here: " + strings.Join(sortedKeys(services[i]), ", ") + "."
		}
		fmt.Fprintf(b, "- **%s** (seed %s, cfctl %s): %s%s\n", r.Name, seedRange(r.Low, r.High), Money(sums[i]), rowNote(r.Name), what)
	}
	fmt.Fprintln(b)
	_, _, whole := est.extras()
	if len(whole) > 0 {
		fmt.Fprintf(b, "Unpriced (not in the total):\n\n")
		for _, u := range whole {
			fmt.Fprintf(b, "- `%s`: %s\n", u.Address, mdEscape(u.Reason))
		}
		fmt.Fprintln(b)
	}
	var partial []string
	for _, u := range est.Unpriced {
		if u.Component != "" && !containsUnpriced(whole, u) {
			partial = append(partial, fmt.Sprintf("- `%s`, %s: %s", u.Address, mdEscape(u.Component), mdEscape(u.Reason)))
		}
	}
	if len(partial) > 0 {
		fmt.Fprintf(b, "Unpriced components (not in the total):\n\n%s\n\n", strings.Join(partial, "\n"))
	}
	if n := len(est.UsageDependent); n > 0 {
		fmt.Fprintf(b, "%d usage-dependent component(s) count $0 until the usage file gives their quantities "+
			"(`cfctl cost %s` lists them).\n\n", n, st.Env)
	}
}

func containsUnpriced(list []Unpriced, u Unpriced) bool {
	for _, w := range list {
		if w == u {
			return true
		}
	}
	return false
}

// biggest describes a row's three largest component groups; withService
// names the service of each (the Misc row mixes services).
func biggest(groups map[string]*lineGroup, dependent int, withService bool) string {
	var gs []*lineGroup
	for _, g := range groups {
		if g.monthly > 0 {
			gs = append(gs, g)
		}
	}
	sort.Slice(gs, func(i, j int) bool {
		if gs[i].monthly != gs[j].monthly {
			return gs[i].monthly > gs[j].monthly
		}
		return gs[i].component < gs[j].component
	})
	var parts []string
	for i, g := range gs {
		if i == 3 {
			parts = append(parts, fmt.Sprintf("%d more", len(gs)-3))
			break
		}
		times := ""
		if g.resources > 1 {
			times = fmt.Sprintf(" (%d resources)", g.resources)
		}
		name := g.component
		if withService {
			name += " [" + g.service + "]"
		}
		parts = append(parts, fmt.Sprintf("%s%s: %s %s x %s = %s", name, times, quantity(math.Round(g.qty*100)/100), g.unit, unitPrice(g.unitPrice), Money(g.monthly)))
	}
	if dependent > 0 {
		parts = append(parts, fmt.Sprintf("%d usage-dependent", dependent))
	}
	return strings.Join(parts, "; ")
}

func writePriceTable(b *bytes.Buffer) {
	fmt.Fprintf(b, "## Prices\n\n`internal/cost/prices.tsv`, us-east-1 rows and those for any region; each us-west-2 row "+
		"equals its us-east-1 row (the pricing README: equal unless a source says otherwise) and says so in its source.\n\n")
	fmt.Fprintf(b, "| id | service | item | region | price | basis | source | date |\n| --- | --- | --- | --- | ---: | --- | --- | --- |\n")
	for _, p := range Prices().All() {
		if p.Region == "us-west-2" {
			continue
		}
		basis := "list"
		if p.Assumption {
			basis = "**assumption**"
		}
		fmt.Fprintf(b, "| `%s` | %s | %s | %s | $%s per %s | %s | %s | %s |\n", p.ID, mdEscape(p.Service), mdEscape(p.Item), p.Region, trimFloat(p.USD), mdEscape(p.Unit), basis, mdEscape(p.Source), p.SourceDate)
	}
}
