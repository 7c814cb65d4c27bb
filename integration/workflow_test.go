package integration

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"

	"go.yaml.in/yaml/v3"

	"github.com/handover-dev/handover/internal/gittest"
)

// This file runs a reusable workflow's jobs as the Actions runner would,
// for the expressions and actions the workflows of this repository use:
// its run: steps in bash with their env evaluated, GITHUB_OUTPUT read back
// into step and job outputs, a matrix expanded from a job output; and the
// actions it calls simulated on the file system (checkout clones a local
// repository, artifacts are folders, setup-go is the Go on PATH).

// workflowYAML is the part of a workflow file the simulation reads.
type workflowYAML struct {
	On struct {
		WorkflowCall struct {
			Inputs map[string]struct {
				Default string `yaml:"default"`
			} `yaml:"inputs"`
			Secrets map[string]struct{} `yaml:"secrets"`
		} `yaml:"workflow_call"`
	} `yaml:"on"`
	Jobs map[string]*workflowJob `yaml:"jobs"`
}

type workflowJob struct {
	Needs    names             `yaml:"needs"`
	If       string            `yaml:"if"`
	Outputs  map[string]string `yaml:"outputs"`
	Strategy struct {
		Matrix struct {
			Include string `yaml:"include"`
		} `yaml:"matrix"`
	} `yaml:"strategy"`
	Steps []workflowStep `yaml:"steps"`
}

type workflowStep struct {
	ID               string            `yaml:"id"`
	If               string            `yaml:"if"`
	Uses             string            `yaml:"uses"`
	Run              string            `yaml:"run"`
	WorkingDirectory string            `yaml:"working-directory"`
	ContinueOnError  bool              `yaml:"continue-on-error"`
	With             map[string]string `yaml:"with"`
	Env              map[string]string `yaml:"env"`
}

// names is a job's needs: one job or a list.
type names []string

func (n *names) UnmarshalYAML(v *yaml.Node) error {
	if v.Kind == yaml.ScalarNode {
		*n = names{v.Value}
		return nil
	}
	var list []string
	err := v.Decode(&list)
	*n = list
	return err
}

// workflowRun is one run of a reusable workflow.
type workflowRun struct {
	t        *testing.T
	workflow workflowYAML
	// contexts every expression sees: inputs (defaults applied), secrets,
	// github, job (the reusable workflow's own repository and commit).
	inputs, secrets, github, job map[string]any
	// repos maps owner/name to the local repository actions/checkout
	// clones; tokens the token each needs (a wrong one fails the checkout).
	repos, tokens map[string]string
	artifacts     string // a folder per artifact
	needs         map[string]any
	// jobs holds every job run, by job id: one per matrix entry.
	jobs map[string][]*jobRun
}

// jobRun is what one job did.
type jobRun struct {
	result  string // success or failure
	outputs map[string]string
	summary string
	log     strings.Builder
}

func readWorkflow(t *testing.T, name string) workflowYAML {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(repoRoot, ".github", "workflows", name))
	if err != nil {
		t.Fatal(err)
	}
	var wf workflowYAML
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return wf
}

// run runs every job once its needs have run, as the runner orders them.
func (r *workflowRun) run() {
	r.needs = map[string]any{}
	r.jobs = map[string][]*jobRun{}
	ids := make([]string, 0, len(r.workflow.Jobs))
	for id := range r.workflow.Jobs {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	for len(r.jobs) < len(ids) {
		progressed := false
		for _, id := range ids {
			job := r.workflow.Jobs[id]
			if r.jobs[id] != nil || slices.ContainsFunc(job.Needs, func(n string) bool { return r.jobs[n] == nil }) {
				continue
			}
			r.runJob(id, job)
			progressed = true
		}
		if !progressed {
			r.t.Fatal("the workflow's needs form a cycle or name a job that does not exist")
		}
	}
}

// runJob runs a job, once per matrix entry, and records its result and
// outputs for the jobs that need it.
func (r *workflowRun) runJob(id string, job *workflowJob) {
	ctx := r.contexts(nil, 0, nil)
	if job.If != "" && !truthy(r.eval(job.If, ctx)) {
		r.jobs[id] = []*jobRun{}
		r.needs[id] = map[string]any{"result": "skipped", "outputs": map[string]any{}}
		return
	}
	entries := []map[string]any{nil}
	if job.Strategy.Matrix.Include != "" {
		list, ok := r.eval(job.Strategy.Matrix.Include, ctx).([]any)
		if !ok || len(list) == 0 {
			r.t.Fatalf("job %s: the matrix include is not a list of entries", id)
		}
		entries = entries[:0]
		for _, e := range list {
			entries = append(entries, e.(map[string]any))
		}
	}
	result, outputs := "success", map[string]any{}
	for i, matrix := range entries {
		jr := r.runSteps(job, matrix, i)
		r.jobs[id] = append(r.jobs[id], jr)
		if jr.result != "success" {
			result = "failure"
		}
		for k, v := range jr.outputs {
			outputs[k] = v
		}
	}
	r.needs[id] = map[string]any{"result": result, "outputs": outputs}
}

func (r *workflowRun) contexts(matrix map[string]any, index int, steps map[string]any) map[string]any {
	return map[string]any{
		"inputs": r.inputs, "secrets": r.secrets, "github": r.github, "job": r.job,
		"needs": r.needs, "matrix": matrix, "steps": steps,
		"strategy": map[string]any{"job-index": float64(index)},
	}
}

// runSteps runs a job's steps on a fresh runner: a workspace and a
// temporary folder of its own.
func (r *workflowRun) runSteps(job *workflowJob, matrix map[string]any, index int) *jobRun {
	jr := &jobRun{outputs: map[string]string{}}
	workspace, temp := r.t.TempDir(), r.t.TempDir()
	summary := filepath.Join(temp, "summary.md")
	writeFile(r.t, summary, "")
	steps := map[string]any{}
	failed := false
	for i, step := range job.Steps {
		ctx := r.contexts(matrix, index, steps)
		ctx["runner"] = map[string]any{"temp": temp}
		ctx["status"] = map[string]any{"failed": failed}
		cond := cmp.Or(step.If, "success()")
		outcome, outputs := "skipped", map[string]any{}
		if truthy(r.eval(cond, ctx)) {
			var err error
			if step.Uses != "" {
				err = r.action(step, ctx, workspace, &jr.log)
			} else {
				outputs, err = r.script(step, ctx, workspace, temp, summary, &jr.log)
			}
			outcome = "success"
			if err != nil {
				fmt.Fprintf(&jr.log, "step %d failed: %v\n", i, err)
				outcome = "failure"
			}
		}
		conclusion := outcome
		if outcome == "failure" && step.ContinueOnError {
			conclusion = "success"
		}
		failed = failed || conclusion == "failure"
		if step.ID != "" {
			steps[step.ID] = map[string]any{"outcome": outcome, "conclusion": conclusion, "outputs": outputs}
		}
	}
	jr.result = "success"
	if failed {
		jr.result = "failure"
	}
	ctx := r.contexts(matrix, index, steps)
	for name, expr := range job.Outputs {
		jr.outputs[name] = text(r.interpolate(expr, ctx))
	}
	b, _ := os.ReadFile(summary)
	jr.summary = string(b)
	return jr
}

// script runs a run: step in bash as the runner does (bash --noprofile
// --norc -eo pipefail), its env evaluated, and returns what it wrote to
// GITHUB_OUTPUT.
func (r *workflowRun) script(step workflowStep, ctx map[string]any, workspace, temp, summary string, log *strings.Builder) (map[string]any, error) {
	output := filepath.Join(temp, "output")
	writeFile(r.t, output, "")
	script := filepath.Join(temp, "step.sh")
	writeFile(r.t, script, step.Run)
	env := append(cleanEnv(temp), "CI=true", "GITHUB_ACTIONS=true",
		"GITHUB_WORKSPACE="+workspace, "GITHUB_OUTPUT="+output, "GITHUB_STEP_SUMMARY="+summary,
		"RUNNER_TEMP="+temp, "GITHUB_SERVER_URL="+text(r.github["server_url"]), "GITHUB_REPOSITORY="+text(r.github["repository"]))
	for name, value := range step.Env {
		env = append(env, name+"="+text(r.interpolate(value, ctx)))
	}
	c, cancel := context.WithTimeout(r.t.Context(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(c, "bash", "--noprofile", "--norc", "-eo", "pipefail", script)
	cmd.Dir = filepath.Join(workspace, step.WorkingDirectory)
	cmd.Env = env
	cmd.WaitDelay = 10 * time.Second
	out, err := cmd.CombinedOutput()
	log.Write(out)
	b, _ := os.ReadFile(output)
	outputs := map[string]any{}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			outputs[k] = v
		}
	}
	return outputs, err
}

// action simulates the actions the workflows call.
func (r *workflowRun) action(step workflowStep, ctx map[string]any, workspace string, log *strings.Builder) error {
	with := map[string]string{}
	for k, v := range step.With {
		with[k] = text(r.interpolate(v, ctx))
	}
	name, _, _ := strings.Cut(step.Uses, "@")
	switch name {
	case "actions/checkout":
		return r.checkout(with, workspace, log)
	case "actions/setup-go":
		if _, err := os.Stat(filepath.Join(workspace, with["go-version-file"])); err != nil {
			return fmt.Errorf("setup-go: go-version-file: %w", err)
		}
		return nil
	case "actions/upload-artifact":
		return r.upload(with, workspace)
	case "actions/download-artifact":
		return r.download(with, workspace)
	}
	r.t.Fatalf("the simulated runner does not know the action %s", step.Uses)
	return nil
}

// checkout clones a repository of r.repos as actions/checkout does: the
// calling repository by default, one commit deep unless fetch-depth is 0,
// origin the repository's GitHub URL.
func (r *workflowRun) checkout(with map[string]string, workspace string, log *strings.Builder) error {
	repo := cmp.Or(with["repository"], text(r.github["repository"]))
	src, ok := r.repos[repo]
	if token := cmp.Or(with["token"], text(r.github["token"])); !ok || token != cmp.Or(r.tokens[repo], text(r.github["token"])) {
		fmt.Fprintf(log, "Error: Repository not found: %s (or the token cannot read it)\n", repo)
		return errors.New("checkout failed")
	}
	dest := filepath.Join(workspace, with["path"])
	args := []string{"clone", "-q", "--no-hardlinks"}
	if with["fetch-depth"] != "0" {
		args = append(args, "--depth", "1", "--no-single-branch")
	}
	args = append(args, "file://"+filepath.ToSlash(src), dest)
	for _, a := range [][]string{args, {"-C", dest, "checkout", "-q", cmp.Or(with["ref"], "HEAD")},
		{"-C", dest, "remote", "set-url", "origin", text(r.github["server_url"]) + "/" + repo}} {
		cmd := gittest.Command(workspace, nil, a...)
		if out, err := cmd.CombinedOutput(); err != nil {
			fmt.Fprintf(log, "git %s: %s\n", strings.Join(a, " "), out)
			return err
		}
	}
	return nil
}

// upload copies the files of path (one per line) into the artifact's
// folder. Like upload-artifact, it keeps no file mode: the executable bit
// is lost.
func (r *workflowRun) upload(with map[string]string, workspace string) error {
	dir := filepath.Join(r.artifacts, with["name"])
	if _, err := os.Stat(dir); err == nil && with["overwrite"] != "true" {
		return fmt.Errorf("upload-artifact: an artifact named %s exists", with["name"])
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, p := range strings.Fields(with["path"]) {
		if !filepath.IsAbs(p) {
			p = filepath.Join(workspace, p)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return fmt.Errorf("upload-artifact: %w", err)
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(p)), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// download copies an artifact (name) or every artifact matching pattern
// into path: merged into it with merge-multiple, else a folder each.
func (r *workflowRun) download(with map[string]string, workspace string) error {
	dest := with["path"]
	if !filepath.IsAbs(dest) {
		dest = filepath.Join(workspace, dest)
	}
	entries, err := os.ReadDir(r.artifacts)
	if err != nil {
		return err
	}
	found := false
	for _, e := range entries {
		to := dest
		switch ok, _ := path.Match(with["pattern"], e.Name()); {
		case with["name"] != "":
			if e.Name() != with["name"] {
				continue
			}
		case !ok:
			continue
		case with["merge-multiple"] != "true":
			to = filepath.Join(dest, e.Name())
		}
		found = true
		files, err := os.ReadDir(filepath.Join(r.artifacts, e.Name()))
		if err != nil {
			return err
		}
		if err := os.MkdirAll(to, 0o755); err != nil {
			return err
		}
		for _, f := range files {
			b, err := os.ReadFile(filepath.Join(r.artifacts, e.Name(), f.Name()))
			if err != nil {
				return err
			}
			writeFile(r.t, filepath.Join(to, f.Name()), string(b))
		}
	}
	if !found && with["name"] != "" {
		return fmt.Errorf("download-artifact: no artifact named %s", with["name"])
	}
	return nil
}

// interpolate replaces every ${{ expression }} in s by its value; a value
// that is one expression keeps its type (a list for a matrix).
func (r *workflowRun) interpolate(s string, ctx map[string]any) any {
	if strings.HasPrefix(s, "${{") && strings.HasSuffix(s, "}}") && strings.Count(s, "${{") == 1 {
		return r.eval(s, ctx)
	}
	var b strings.Builder
	for {
		i := strings.Index(s, "${{")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.Index(s[i:], "}}")
		if j < 0 {
			r.t.Fatalf("unclosed expression in %q", s)
		}
		b.WriteString(s[:i])
		b.WriteString(text(r.eval(s[i:i+j+2], ctx)))
		s = s[i+j+2:]
	}
}

// eval evaluates one expression, with or without ${{ }}.
func (r *workflowRun) eval(src string, ctx map[string]any) any {
	src = strings.TrimSpace(src)
	if inner, ok := strings.CutPrefix(src, "${{"); ok {
		src = strings.TrimSuffix(inner, "}}")
	}
	p := &exprParser{src: src, ctx: ctx}
	v := p.or()
	if p.err == nil && strings.TrimSpace(p.src[p.pos:]) != "" {
		p.err = fmt.Errorf("unexpected %q", p.src[p.pos:])
	}
	if p.err != nil {
		r.t.Fatalf("expression %q: %v", src, p.err)
	}
	return v
}

// exprParser evaluates the expressions of GitHub Actions the workflows
// use: literals, contexts with . and [], ! == != && || and the functions
// success, failure, always, cancelled, toJSON and fromJSON.
type exprParser struct {
	src string
	pos int
	ctx map[string]any
	err error
}

func (p *exprParser) skip() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
}

func (p *exprParser) eat(tok string) bool {
	p.skip()
	if strings.HasPrefix(p.src[p.pos:], tok) {
		p.pos += len(tok)
		return true
	}
	return false
}

func (p *exprParser) or() any {
	v := p.and()
	for p.eat("||") {
		w := p.and()
		if !truthy(v) {
			v = w
		}
	}
	return v
}

func (p *exprParser) and() any {
	v := p.compare()
	for p.eat("&&") {
		w := p.compare()
		if truthy(v) {
			v = w
		}
	}
	return v
}

func (p *exprParser) compare() any {
	v := p.unary()
	switch {
	case p.eat("=="):
		return equal(v, p.unary())
	case p.eat("!="):
		return !equal(v, p.unary())
	}
	return v
}

func (p *exprParser) unary() any {
	if p.eat("!") {
		return !truthy(p.unary())
	}
	return p.primary()
}

func (p *exprParser) primary() any {
	p.skip()
	switch {
	case p.eat("("):
		v := p.or()
		if !p.eat(")") {
			p.fail("want )")
		}
		return v
	case p.eat("'"):
		end := strings.Index(p.src[p.pos:], "'")
		if end < 0 {
			p.fail("unclosed string")
			return nil
		}
		s := p.src[p.pos : p.pos+end]
		p.pos += end + 1
		return s
	}
	start := p.pos
	for p.pos < len(p.src) && (unicode.IsLetter(rune(p.src[p.pos])) || unicode.IsDigit(rune(p.src[p.pos])) || strings.ContainsRune("_-", rune(p.src[p.pos]))) {
		p.pos++
	}
	name := p.src[start:p.pos]
	switch {
	case name == "":
		p.fail("want a value")
		return nil
	case name == "true" || name == "false":
		return name == "true"
	case name == "null":
		return nil
	}
	if n, err := strconv.ParseFloat(name, 64); err == nil {
		return n
	}
	if p.eat("(") {
		var args []any
		for !p.eat(")") {
			args = append(args, p.or())
			p.eat(",")
			if p.err != nil {
				return nil
			}
		}
		return p.call(name, args)
	}
	v, ok := p.ctx[name]
	if !ok {
		p.fail("unknown context " + name)
	}
	for {
		switch {
		case p.eat("."):
			start := p.pos
			for p.pos < len(p.src) && (unicode.IsLetter(rune(p.src[p.pos])) || unicode.IsDigit(rune(p.src[p.pos])) || strings.ContainsRune("_-", rune(p.src[p.pos]))) {
				p.pos++
			}
			v = property(v, p.src[start:p.pos])
		case p.eat("["):
			key := p.or()
			p.eat("]")
			v = property(v, text(key))
		default:
			return v
		}
	}
}

func (p *exprParser) call(name string, args []any) any {
	status, _ := p.ctx["status"].(map[string]any)
	failed, _ := status["failed"].(bool)
	switch {
	case name == "success" && len(args) == 0:
		return !failed
	case name == "failure" && len(args) == 0:
		return failed
	case name == "always" && len(args) == 0:
		return true
	case name == "cancelled" && len(args) == 0:
		return false
	case name == "toJSON" && len(args) == 1:
		b, err := json.MarshalIndent(args[0], "", "  ")
		if err != nil {
			p.fail(err.Error())
		}
		return string(b)
	case name == "fromJSON" && len(args) == 1:
		var v any
		if err := json.Unmarshal([]byte(text(args[0])), &v); err != nil {
			p.fail("fromJSON: " + err.Error())
		}
		return v
	}
	p.fail(fmt.Sprintf("the simulated runner does not know %s with %d arguments", name, len(args)))
	return nil
}

func (p *exprParser) fail(msg string) {
	if p.err == nil {
		p.err = fmt.Errorf("at %d: %s", p.pos, msg)
	}
}

// property is a context's property; GitHub's are case-insensitive.
func property(v any, name string) any {
	m, _ := v.(map[string]any)
	for k, w := range m {
		if strings.EqualFold(k, name) {
			return w
		}
	}
	return nil
}

func truthy(v any) bool {
	switch v := v.(type) {
	case nil:
		return false
	case bool:
		return v
	case string:
		return v != ""
	case float64:
		return v != 0
	}
	return true
}

// equal compares as GitHub does: strings case-insensitively.
func equal(a, b any) bool {
	if as, ok := a.(string); ok {
		if bs, ok := b.(string); ok {
			return strings.EqualFold(as, bs)
		}
	}
	return fmt.Sprint(a) == fmt.Sprint(b)
}

// text is a value as an expression writes it into a string.
func text(v any) string {
	switch v := v.(type) {
	case nil:
		return ""
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	b, _ := json.Marshal(v)
	return string(b)
}
