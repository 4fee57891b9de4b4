package site

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kernelpress/kernelpress/generator/cache"
)

// evalEssay computes from a data file beside it, the mean of 1, 2, 3, 4,
// which is 2.5, and shows it with {eval} in every place prose can hold it.
const evalEssay = "---\ntitle: Eval\n---\n\n" +
	"```{compute}\nd = read_csv(\"data.csv\")\nm = mean(d[\"v\"])\nxs = d[\"v\"]\n```\n\n" + // lines 5–9
	"The mean is {eval}`\"%.2f\" % m` of {eval}`len(xs)` values.[^n]\n\n" + // line 11
	"## Mean {eval}`\"%.1f\" % m`\n\n## Two\n\n## Three\n\n## Four\n\n" +
	"- twice: {eval}`\"%.1f\" % (2 * m)`\n\n" +
	"| what | value |\n|---|---|\n| mean | {eval}`\"%.3f\" % m` |\n\n" +
	"> quoted: {eval}`\"%d%%\" % (100 * m)`\n\n" +
	"```{plot}\n:x: xs\n:line: xs\n\nThe values, whose mean is {eval}`\"%.2f\" % m`.\n```\n\n" +
	"[^n]: A note: {eval}`\"%.1f\" % m`.\n"

// evalSite writes a site with the explainer content/eval/ and returns its
// configuration.
func evalSite(t *testing.T, essay string) Config {
	t.Helper()
	dir := t.TempDir()
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(filepath.Join(content, "eval"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, text := range map[string]string{"eval/index.md": essay, "eval/data.csv": "v\n1\n2\n3\n4\n"} {
		if err := os.WriteFile(filepath.Join(content, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return Config{Directives: seedModel, ContentDir: content, TemplateDir: realTemplates, OutDir: filepath.Join(dir, "public"), CacheDir: filepath.Join(dir, ".cache")}
}

// buildPage builds cfg and returns the explainer's page.
func buildPage(t *testing.T, cfg Config) string {
	t.Helper()
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	page, err := os.ReadFile(filepath.Join(cfg.OutDir, "eval", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	return string(page)
}

func TestEvalValuesAppearWhereverProseIs(t *testing.T) {
	cfg := evalSite(t, evalEssay)
	page := buildPage(t, cfg)
	role := func(expr, value string) string {
		return `<span class="kp-eval" title="` + expr + `">` + value + `</span>`
	}
	for _, want := range []string{
		"The mean is " + role("&#34;%.2f&#34; % m", "2.50") + " of " + role("len(xs)", "4") + " values.",
		`<h2 id="mean">Mean ` + role("&#34;%.1f&#34; % m", "2.5") + `</h2>`,
		`<a href="#mean">Mean 2.5</a>`, // the table of contents
		"twice: " + role("&#34;%.1f&#34; % (2 * m)", "5.0"),
		"<td>" + role("&#34;%.3f&#34; % m", "2.500") + "</td>",
		"quoted: " + role("&#34;%d%%&#34; % (100 * m)", "250%"),
		"The values, whose mean is " + role("&#34;%.2f&#34; % m", "2.50") + ".",
		"A note: " + role("&#34;%.1f&#34; % m", "2.5"),
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %s", want)
		}
	}
	if strings.Contains(page, "{eval}") {
		t.Error("the page shows a role's source")
	}
}

func TestEvalValuesComeFromTheCache(t *testing.T) {
	// A build from the cache equals the build that filled it; a value
	// planted in the cache shows, so the role was not evaluated again;
	// a code edit changes the key, and the value.
	cfg := evalSite(t, evalEssay)
	cold := buildPage(t, cfg)
	if warm := buildPage(t, cfg); warm != cold {
		t.Error("a build from the cache differs from the build that filled it")
	}
	entries, _ := filepath.Glob(filepath.Join(cfg.CacheDir, "*", "eval", "*", "*"))
	if len(entries) != 6 {
		t.Fatalf("the cache holds %d values, want 6, one per distinct expression (the same expression after the same blocks is one value)", len(entries))
	}
	store := cache.Open(cfg.CacheDir)
	planted := 0
	for _, e := range entries {
		key := filepath.Base(filepath.Dir(e)) + filepath.Base(e)
		data, ok := store.Get("eval", key)
		if !ok {
			t.Fatal("an entry cannot be read back")
		}
		var entry map[string]any
		if err := json.Unmarshal(data, &entry); err != nil {
			t.Fatal(err)
		}
		if entry["value"] == "4" {
			entry["value"] = "from-the-cache"
			data, _ = json.Marshal(entry)
			if err := store.Put("eval", key, data); err != nil {
				t.Fatal(err)
			}
			planted++
		}
	}
	if planted != 1 || !strings.Contains(buildPage(t, cfg), `title="len(xs)">from-the-cache</span>`) {
		t.Errorf("planted %d values; the build evaluated len(xs) again instead of reading it from the cache", planted)
	}
	essay := filepath.Join(cfg.ContentDir, "eval", "index.md")
	if err := os.WriteFile(essay, []byte(strings.Replace(evalEssay, "m = mean(", "m = 2 * mean(", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if page := buildPage(t, cfg); !strings.Contains(page, `title="&#34;%.2f&#34; % m">5.00</span>`) || !strings.Contains(page, `title="len(xs)">4</span>`) {
		t.Error("after the code edit the page does not show the new mean, 5.00, and len(xs) evaluated anew")
	}
}

func TestEvalProblemsStopTheBuildAtTheirLines(t *testing.T) {
	essay := strings.Replace(evalEssay, "{eval}`len(xs)`", "{eval}`len(xz)`", 1)
	essay = strings.Replace(essay, "whose mean is {eval}`\"%.2f\" % m`", "whose mean is {eval}`m > 1`", 1)
	cfg := evalSite(t, essay)
	if err := os.WriteFile(filepath.Join(cfg.ContentDir, "_index.md"), []byte("---\ntitle: Home\n---\n\nNo {eval}`1`.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(cfg)
	if err == nil {
		t.Fatal("the build succeeded")
	}
	for _, want := range []string{
		"content/_index.md:5: {eval}: the home page has no {compute} blocks",
		"content/eval/index.md:11: {eval}: undefined: xz (did you mean xs?)",
		"content/eval/index.md:33: {eval}: `m > 1` is a bool (True), not a string or a number",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the build's problems do not include %q:\n%v", want, err)
		}
	}
}

func TestTheGuidesEvalExampleRunsAsShown(t *testing.T) {
	// The guide shows its {eval} example in a Markdown fence and then
	// lets it run: its compute blocks sample sin 2πx at 101 points of
	// [0, 1], whose peak is at x = 0.25 exactly.
	guide := readFile(t, filepath.Join(realContent, "authoring", "index.md"))
	const example = "The sine, sampled at {eval}`len(xs)` points, peaks at\nx = {eval}`\"%.2f\" % top`, as the check above requires.\n"
	if !strings.Contains(guide, "````markdown\n"+example+"````\n") || !strings.Contains(guide, "gives:\n\n"+example) {
		t.Fatal("the guide does not show its {eval} example in a ````markdown fence and then run it as written")
	}
	out, _ := buildReal(t, "/")
	page := readFile(t, filepath.Join(out, "authoring", "index.html"))
	want := `The sine, sampled at <span class="kp-eval" title="len(xs)">101</span> points, peaks at
x = <span class="kp-eval" title="&#34;%.2f&#34; % top">0.25</span>, as the check above requires.`
	if !strings.Contains(page, want) {
		t.Errorf("the guide's page lacks its example's values:\n%s", want)
	}
}

func TestAnUnreadableEvalEntryIsEvaluatedAgain(t *testing.T) {
	// An entry whose checksum holds but whose contents are not a value
	// (or a value over the limit) is evaluated again, with a warning, and
	// the page is the one the first build wrote.
	cfg := evalSite(t, evalEssay)
	cold := buildPage(t, cfg)
	entries, _ := filepath.Glob(filepath.Join(cfg.CacheDir, "*", "eval", "*", "*"))
	store := cache.Open(cfg.CacheDir)
	for i, bad := range []string{"not json", `{"value": "` + strings.Repeat("9", 201) + `", "steps": 1, "work": 0}`} {
		key := filepath.Base(filepath.Dir(entries[i])) + filepath.Base(entries[i])
		if err := store.Put("eval", key, []byte(bad)); err != nil {
			t.Fatal(err)
		}
	}
	sum, err := Build(cfg)
	if err != nil {
		t.Fatal(err)
	}
	page := readFile(t, filepath.Join(cfg.OutDir, "eval", "index.html"))
	if page != cold {
		t.Error("the page built from a damaged cache differs from the first build's")
	}
	warned := 0
	for _, w := range sum.Warnings {
		if strings.Contains(w, "{eval} value") && strings.Contains(w, "evaluated again") {
			warned++
		}
	}
	if warned != 2 {
		t.Errorf("warnings %q; want one for each of the two damaged values", sum.Warnings)
	}
}
