// Package sarif writes findings as SARIF 2.1.0, the format code-review tools
// (GitHub code scanning among them) read to show findings on the lines they
// concern.
package sarif

import (
	"encoding/json"
	"io"
	"sort"

	"github.com/candlefish-ai/infrastructure/internal/finding"
)

type log struct {
	Schema  string `json:"$schema"`
	Version string `json:"version"`
	Runs    []run  `json:"runs"`
}

type run struct {
	Tool    tool     `json:"tool"`
	Results []result `json:"results"`
}

type tool struct {
	Driver driver `json:"driver"`
}

type driver struct {
	Name           string `json:"name"`
	InformationURI string `json:"informationUri,omitempty"`
	Rules          []rule `json:"rules"`
}

type rule struct {
	ID               string         `json:"id"`
	ShortDescription text           `json:"shortDescription"`
	Help             text           `json:"help"`
	Properties       map[string]any `json:"properties"`
}

type text struct {
	Text string `json:"text"`
}

type result struct {
	RuleID    string     `json:"ruleId"`
	Level     string     `json:"level"`
	Message   text       `json:"message"`
	Locations []location `json:"locations"`
}

type location struct {
	PhysicalLocation physical `json:"physicalLocation"`
}

type physical struct {
	ArtifactLocation artifact `json:"artifactLocation"`
	Region           *region  `json:"region,omitempty"`
}

type artifact struct {
	URI string `json:"uri"`
}

type region struct {
	StartLine int `json:"startLine"`
}

// level maps severities to SARIF levels.
func level(s finding.Severity) string {
	switch {
	case s >= finding.SeverityHigh:
		return "error"
	case s == finding.SeverityMedium:
		return "warning"
	}
	return "note"
}

// securitySeverity is the 0-10 score GitHub reads to rank security findings.
func securitySeverity(s finding.Severity) string {
	return map[finding.Severity]string{
		finding.SeverityCritical: "9.5", finding.SeverityHigh: "8.0", finding.SeverityMedium: "5.5", finding.SeverityLow: "2.0",
	}[s]
}

// Write writes findings (with paths relative to the repository root) as one SARIF run.
func Write(w io.Writer, toolName string, fs []finding.Finding) error {
	rules := map[string]rule{}
	results := []result{}
	for _, f := range fs {
		if _, ok := rules[f.RuleID]; !ok {
			help := f.Resolution
			if help == "" {
				help = f.Message
			}
			rules[f.RuleID] = rule{ID: f.RuleID, ShortDescription: text{f.RuleID + " (" + f.Gate + ")"}, Help: text{help},
				Properties: map[string]any{"security-severity": securitySeverity(f.Severity), "tags": []string{f.Gate}}}
		}
		msg := f.Message
		if f.Resource != "" {
			msg = f.Resource + ": " + msg
		}
		if f.Resolution != "" {
			msg += " Fix: " + f.Resolution
		}
		loc := location{PhysicalLocation: physical{ArtifactLocation: artifact{URI: f.File}}}
		if f.Line > 0 {
			loc.PhysicalLocation.Region = &region{StartLine: f.Line}
		}
		results = append(results, result{RuleID: f.RuleID, Level: level(f.Severity), Message: text{msg}, Locations: []location{loc}})
	}
	ids := make([]string, 0, len(rules))
	for id := range rules {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	d := driver{Name: toolName, Rules: []rule{}}
	for _, id := range ids {
		d.Rules = append(d.Rules, rules[id])
	}
	out := log{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []run{{Tool: tool{Driver: d}, Results: results}}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
