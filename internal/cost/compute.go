package cost

import (
	"encoding/json"
	"fmt"
	"math"
	"slices"
	"sort"
	"strings"

	"github.com/candlefish-ai/infrastructure/internal/model"
)

func init() {
	register("ECS Fargate", priceECSService, "aws_ecs_service")
	register("CloudWatch", priceECSCluster, "aws_ecs_cluster")
	register("Lambda", priceLambda, "aws_lambda_function")
}

// scaling is an Application Auto Scaling target's bounds.
type scaling struct {
	address  string
	min, max float64
}

// autoscaling finds the aws_appautoscaling_target of namespace/dimension
// whose resource_id is "<prefix>/.../<name>" or that refers to r. Targets in
// r's own module and region come first: a module called twice (a standby
// region's copy) has targets with the same resource ids.
func (e *engine) autoscaling(r *model.Resource, namespace, dimension string, matchID func(id string) bool) (*scaling, error) {
	targets := slices.Clone(e.byType["aws_appautoscaling_target"])
	near := func(t *model.Resource) bool { return t.Module == r.Module && t.Region == r.Region }
	slices.SortStableFunc(targets, func(a, b *model.Resource) int {
		switch {
		case near(a) == near(b):
			return 0
		case near(a):
			return -1
		default:
			return 1
		}
	})
	for _, t := range targets {
		if ns, _ := str(t.Values["service_namespace"]); ns != namespace {
			continue
		}
		if d, _ := str(t.Values["scalable_dimension"]); d != "" && d != dimension {
			continue
		}
		id, idKnown := str(t.Values["resource_id"])
		match := idKnown && matchID(id)
		if !match && !idKnown {
			for _, ref := range e.related(t, r.Type) {
				match = match || ref == r
			}
		}
		if !match {
			continue
		}
		lo, okLo := num(t.Values["min_capacity"])
		hi, okHi := num(t.Values["max_capacity"])
		if !okLo || !okHi {
			return nil, fmt.Errorf("%s: min_capacity or max_capacity is known only after apply", t.Address)
		}
		return &scaling{address: t.Address, min: lo, max: hi}, nil
	}
	return nil, nil
}

// providerShare is the expected number of tasks on one capacity provider.
type providerShare struct {
	provider string
	tasks    float64
}

// splitTasks spreads n tasks over a capacity provider strategy as ECS does:
// each provider's base first, the rest in proportion to the weights.
func splitTasks(n float64, strategy []map[string]any) ([]providerShare, error) {
	type entry struct {
		name         string
		base, weight float64
	}
	var es []entry
	totalWeight := 0.0
	for _, s := range strategy {
		name, ok := str(s["capacity_provider"])
		if !ok {
			return nil, fmt.Errorf("a capacity provider's name is known only after apply")
		}
		base, _ := num(s["base"])
		weight, _ := num(s["weight"])
		es = append(es, entry{name, base, weight})
		totalWeight += weight
	}
	shares := map[string]float64{}
	left := n
	for _, en := range es {
		b := math.Min(en.base, left)
		shares[en.name] += b
		left -= b
	}
	if left > 0 {
		if totalWeight == 0 {
			return nil, fmt.Errorf("every capacity provider has weight 0")
		}
		for _, en := range es {
			shares[en.name] += left * en.weight / totalWeight
		}
	}
	var out []providerShare
	for _, en := range es {
		if s, ok := shares[en.name]; ok {
			out = append(out, providerShare{en.name, s})
			delete(shares, en.name)
		}
	}
	return out, nil
}

// taskDefinition finds the task definition an ECS service runs: by family
// when task_definition is known, else through the service's references.
func (e *engine) taskDefinition(svc *model.Resource) *model.Resource {
	if td, ok := str(svc.Values["task_definition"]); ok && td != "" {
		family := td[strings.LastIndex(td, "/")+1:]
		family, _, _ = strings.Cut(family, ":")
		for _, c := range e.byType["aws_ecs_task_definition"] {
			if f, _ := str(c.Values["family"]); f == family {
				return c
			}
		}
	}
	tds := e.related(svc, "aws_ecs_task_definition")
	if len(tds) == 1 {
		return tds[0]
	}
	// Several instances and none with the service's instance key: the one
	// keyed by the service's name.
	if name, ok := str(svc.Values["name"]); ok {
		for _, td := range tds {
			if indexKey(td) == name {
				return td
			}
		}
	}
	return nil
}

// clusterStrategy is the default capacity provider strategy of the cluster
// a service runs in (aws_ecs_cluster_capacity_providers).
func (e *engine) clusterStrategy(svc *model.Resource) []map[string]any {
	clusters := e.related(svc, "aws_ecs_cluster")
	for _, cp := range e.byType["aws_ecs_cluster_capacity_providers"] {
		name, _ := str(cp.Values["cluster_name"])
		for _, c := range clusters {
			cn, _ := str(c.Values["name"])
			linked := name != "" && name == cn
			for _, ref := range cp.References {
				linked = linked || ref == c.BlockAddress()
			}
			if linked {
				return blocks(cp.Values["default_capacity_provider_strategy"])
			}
		}
	}
	if cps := e.byType["aws_ecs_cluster_capacity_providers"]; len(cps) == 1 && len(clusters) == 0 {
		return blocks(cps[0].Values["default_capacity_provider_strategy"])
	}
	return nil
}

// taskCount is the number of tasks a service runs at the estimate's traffic:
// desired_count, bounded by its autoscaling target; --traffic scales it
// within those bounds (a service without autoscaling keeps its count).
func (e *engine) taskCount(b *builder) (float64, bool) {
	svc := b.r
	name, _ := str(svc.Values["name"])
	sc, err := e.autoscaling(svc, "ecs", "ecs:service:DesiredCount", func(id string) bool {
		parts := strings.Split(id, "/")
		return len(parts) == 3 && parts[0] == "service" && name != "" && parts[2] == name
	})
	if err != nil {
		b.unpricedComponent("Fargate tasks", err.Error())
		return 0, false
	}
	desired, ok, unknown := b.value("desired_count")
	switch {
	case unknown && sc == nil:
		b.unpricedComponent("Fargate tasks", "desired_count is known only after apply and no autoscaling target bounds it")
		return 0, false
	case unknown:
		desired = sc.min
		b.note("desired_count is known only after apply: %s's min_capacity (%s)", sc.address, trimFloat(sc.min))
	case !ok && sc != nil:
		desired = sc.min
		b.note("desired_count not set: %s's min_capacity (%s)", sc.address, trimFloat(sc.min))
	case !ok:
		desired = 0
		b.note("desired_count not set: 0 tasks (the provider's default)")
	}
	if sc == nil {
		if e.traffic != 1 {
			b.note("no autoscaling target: the task count stays %s at any traffic", trimFloat(desired))
		}
		return desired, true
	}
	n := clamp(desired, sc.min, sc.max)
	if e.traffic != 1 {
		n = clamp(math.Ceil(n*e.traffic-1e-9), sc.min, sc.max)
	}
	b.note("%s task(s): desired_count %s bounded by %s (min %s, max %s)", trimFloat(n), trimFloat(desired), sc.address, trimFloat(sc.min), trimFloat(sc.max))
	return n, true
}

func priceECSService(e *engine, b *builder) {
	svc := b.r
	launch := b.text("launch_type")
	if launch == "EC2" || launch == "EXTERNAL" {
		b.unpricedComponent("tasks", "launch type "+launch+": billed through the instances, which have no cost model here")
		return
	}
	td := e.taskDefinition(svc)
	if td == nil {
		b.unpricedComponent("Fargate tasks", "its task definition is not in the configuration")
		return
	}
	cpu, okCPU := num(td.Values["cpu"])
	mem, okMem := num(td.Values["memory"])
	if !okCPU || !okMem {
		b.unpricedComponent("Fargate tasks", td.Address+": task-level cpu and memory are not known numbers")
		return
	}
	arch := "X86_64"
	osFamily := "LINUX"
	if rp := first(td.Values["runtime_platform"]); rp != nil {
		if a, ok := str(rp["cpu_architecture"]); ok && a != "" {
			arch = a
		} else if model.IsUnknown(rp["cpu_architecture"]) {
			b.unpricedComponent("Fargate tasks", td.Address+": cpu_architecture is known only after apply")
			return
		}
		if o, ok := str(rp["operating_system_family"]); ok && o != "" {
			osFamily = o
		}
	}
	if osFamily != "LINUX" {
		b.unpricedComponent("Fargate tasks", "operating system "+osFamily+": prices.tsv has Linux prices only")
		return
	}
	n, ok := e.taskCount(b)
	if !ok {
		return
	}
	if b.unknownValue("capacity_provider_strategy", "Fargate tasks") {
		return
	}
	strategy := blocks(svc.Values["capacity_provider_strategy"])
	if len(strategy) == 0 && launch == "" {
		strategy = e.clusterStrategy(svc)
	}
	if len(strategy) == 0 {
		strategy = []map[string]any{{"capacity_provider": "FARGATE", "weight": int64(1)}}
		if launch == "" {
			b.note("no capacity provider strategy on the service or its cluster: priced as launch type FARGATE")
		}
	}
	shares, err := splitTasks(n, strategy)
	if err != nil {
		b.unpricedComponent("Fargate tasks", err.Error())
		return
	}
	vcpu, gb := cpu/1024, mem/1024
	archName, vcpuID, memID := "x86", "fargate_x86_vcpu", "fargate_x86_memory"
	if arch == "ARM64" {
		archName, vcpuID, memID = "ARM", "fargate_arm_vcpu", "fargate_arm_memory"
	}
	for _, s := range shares {
		hours := s.tasks * HoursPerMonth
		what := fmt.Sprintf("%s task(s) x %s vCPU", trimFloat(round6(s.tasks)), trimFloat(vcpu))
		whatMem := fmt.Sprintf("%s task(s) x %s GB", trimFloat(round6(s.tasks)), trimFloat(gb))
		switch s.provider {
		case "FARGATE":
			b.line("vCPU, Linux/"+archName+", on-demand", vcpuID, vcpu*hours).Note = what
			b.line("memory, Linux/"+archName+", on-demand", memID, gb*hours).Note = whatMem
		case "FARGATE_SPOT":
			disc, ok1 := b.price("fargate_spot_discount", "Fargate Spot")
			pv, ok2 := b.price(vcpuID, "vCPU, Fargate Spot")
			pm, ok3 := b.price(memID, "memory, Fargate Spot")
			if !ok1 || !ok2 || !ok3 {
				continue
			}
			b.derived("vCPU, Linux/"+archName+", Fargate Spot", vcpu*hours, pv.Unit, pv.USD*(1-disc.USD), pv, disc).Note = what + "; on-demand x (1 - Spot discount)"
			b.derived("memory, Linux/"+archName+", Fargate Spot", gb*hours, pm.Unit, pm.USD*(1-disc.USD), pm, disc).Note = whatMem + "; on-demand x (1 - Spot discount)"
		default:
			b.unpricedComponent("tasks on "+s.provider, "capacity provider "+s.provider+" is not Fargate: billed through its instances")
		}
	}
	if es := first(td.Values["ephemeral_storage"]); es != nil {
		if size, ok := num(es["size_in_gib"]); ok && size > 20 {
			b.line("ephemeral storage above 20 GB", "fargate_ephemeral_storage", (size-20)*n*HoursPerMonth).Note =
				fmt.Sprintf("%s task(s) x %s GB", trimFloat(n), trimFloat(size-20))
		}
	}
	if hasXRaySidecar(td) {
		b.usageLine("X-Ray traces recorded (daemon sidecar)", "xray_traces", "monthly_traces_recorded", perMillion).Service = "X-Ray"
	} else if v, ok := b.use("monthly_traces_recorded"); ok && v > 0 {
		b.note("monthly_traces_recorded is ignored: %s runs no X-Ray daemon", td.Address)
	}
}

// hasXRaySidecar reports whether a task definition runs the X-Ray daemon.
func hasXRaySidecar(td *model.Resource) bool {
	defs, ok := str(td.Values["container_definitions"])
	if !ok {
		return false
	}
	var cs []struct {
		Name  string `json:"name"`
		Image string `json:"image"`
	}
	if json.Unmarshal([]byte(defs), &cs) != nil {
		return false
	}
	for _, c := range cs {
		if strings.Contains(c.Name, "xray") || strings.Contains(c.Image, "xray") {
			return true
		}
	}
	return false
}

// priceECSCluster prices Container Insights: its metrics and performance
// log events are CloudWatch charges of the cluster.
func priceECSCluster(e *engine, b *builder) {
	insights := ""
	for _, s := range blocks(b.r.Values["setting"]) {
		if n, _ := str(s["name"]); n == "containerInsights" {
			insights, _ = str(s["value"])
		}
	}
	if insights != "enabled" && insights != "enhanced" {
		return // a cluster itself costs nothing
	}
	b.usageLine("Container Insights custom metrics", "cloudwatch_metric", "custom_metrics", identity)
	b.usageLine("Container Insights performance log ingestion", "cloudwatch_logs_ingestion", "monthly_data_ingested_gb", identity)
}

// edgeFunctions are the Lambda functions a CloudFront distribution refers to.
func (e *engine) isEdgeFunction(fn *model.Resource) bool {
	for _, d := range e.byType["aws_cloudfront_distribution"] {
		for _, ref := range d.References {
			if ref == fn.BlockAddress() {
				return true
			}
		}
	}
	return false
}

func priceLambda(e *engine, b *builder) {
	memMB := 128.0
	if m, ok, unknown := b.value("memory_size"); ok {
		memMB = m
	} else if unknown {
		b.unpricedComponent("duration", "memory_size is known only after apply")
	}
	arch := "x86_64"
	if a, ok := b.r.Values["architectures"].([]any); ok && len(a) > 0 {
		if s, ok := str(a[0]); ok {
			arch = s
		}
	}
	gbSeconds := func(req float64) float64 {
		ms, _ := b.use("request_duration_ms")
		return req * ms / 1000 * memMB / 1024
	}
	if e.isEdgeFunction(b.r) {
		b.rc.Service = "Lambda@Edge"
		b.usageLine("Lambda@Edge requests", "lambda_edge_requests", "monthly_requests", perMillion)
		if _, ok := b.use("request_duration_ms"); ok {
			b.usageLine("Lambda@Edge duration", "lambda_edge_duration", "monthly_requests", gbSeconds).Note = fmt.Sprintf("%s MB", trimFloat(memMB))
		} else {
			b.dependsOn("Lambda@Edge duration", "request_duration_ms")
		}
		return
	}
	b.usageLine("requests", "lambda_requests", "monthly_requests", perMillion)
	durID := "lambda_x86_duration"
	if arch == "arm64" {
		durID = "lambda_arm_duration"
	}
	if _, ok := b.use("request_duration_ms"); ok {
		b.usageLine("duration, "+arch, durID, "monthly_requests", gbSeconds).Note = fmt.Sprintf("%s MB", trimFloat(memMB))
	} else {
		b.dependsOn("duration, "+arch, "request_duration_ms")
	}
	active := false
	if tc := first(b.r.Values["tracing_config"]); tc != nil {
		mode, _ := str(tc["mode"])
		active = mode == "Active"
	}
	if active {
		b.usageLine("X-Ray traces recorded (active tracing)", "xray_traces", "monthly_traces_recorded", perMillion).Service = "X-Ray"
	} else if v, ok := b.use("monthly_traces_recorded"); ok && v > 0 {
		b.note("monthly_traces_recorded is ignored: the function's tracing mode is not Active")
	}
	if size, ok, _ := b.value("ephemeral_storage.0.size"); ok && size > 512 {
		b.unpricedComponent("ephemeral storage above 512 MB", "prices.tsv has no price for Lambda ephemeral storage")
	}
}

func identity(v float64) float64   { return v }
func perMillion(v float64) float64 { return v / 1e6 }
func perK(n float64) func(float64) float64 {
	return func(v float64) float64 { return v / n }
}

// sortedKeys returns a map's keys in order.
func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
