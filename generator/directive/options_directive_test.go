package directive_test

import (
	"html"
	"os"
	"regexp"
	"strings"
	"testing"

	. "github.com/kernelpress/kernelpress/generator/directive" // the engine's tests run the seed model, which imports the engine
	"github.com/kernelpress/kernelpress/generator/markup"
)

// tableRow matches one option's row of an {options} table.
var tableRow = regexp.MustCompile(`<tr><th scope="row">([^<]*)</th><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>`)

// cell is how a registry text appears in a table cell.
func cell(s string) string {
	if s == "" {
		return "—"
	}
	return html.EscapeString(s)
}

func TestOptionsTableListsTheRegistrysOptions(t *testing.T) {
	for _, d := range seed.All() {
		t.Run(d.Name, func(t *testing.T) {
			out, errs, blocks := expand(t, "```{options}\n:directive: "+d.Name+"\n```\n")
			if len(errs) > 0 {
				t.Fatal(errs)
			}
			if out.Figures != 0 || len(out.Files) != 0 {
				t.Errorf("an options table counted as %d figures with %d files, want none", out.Figures, len(out.Files))
			}
			got := string(blocks[0].HTML)
			rows := tableRow.FindAllStringSubmatch(got, -1)
			want := d.Options()
			if len(rows) != len(want) {
				t.Fatalf("%d rows, want %d (one per option):\n%s", len(rows), len(want), got)
			}
			for i, o := range want {
				r := rows[i]
				if r[1] != html.EscapeString(o.Name) || r[2] != cell(o.Default) || r[3] != cell(o.Range) || r[4] != html.EscapeString(o.Doc) {
					t.Errorf("row %d is %q, want option %+v", i+1, r[0], o)
				}
			}
			for _, want := range []string{
				`<div class="table-wrap kp-options" role="region" aria-label="Options of {` + d.Name + `}" tabindex="0">`,
				`<caption><code>{` + d.Name + `}</code>: ` + html.EscapeString(d.Summary) + `</caption>`,
				`<thead><tr><th scope="col">option</th><th scope="col">default</th><th scope="col">range</th><th scope="col">meaning</th></tr></thead>`,
			} {
				if !strings.Contains(got, want) {
					t.Errorf("HTML lacks %q:\n%s", want, got)
				}
			}
		})
	}
}

func TestOptionsTableShowsDefaultsAndRanges(t *testing.T) {
	_, errs, blocks := expand(t, "```{options}\n:directive: {compare}\n\nWhat `{compare}` *takes*.\n```\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := string(blocks[0].HTML)
	for _, want := range []string{
		`<tr><th scope="row">bandwidth</th><td>0.1</td><td>&gt; 0 and ≤ 1000</td><td>`,
		`<tr><th scope="row">label</th><td>—</td><td>—</td><td>`,
		`</code>: The input points with the kernel-smoothing curve and the attention curve computed from them. What <code>{compare}</code> <em>takes</em>.</caption>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML lacks %q:\n%s", want, got)
		}
	}
}

func TestOptionsReportsAMissingOrUnknownDirective(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{
			name: "directive is required",
			src:  "```{options}\n```\n",
			want: `x.md:1: {options}: option "directive" is required, e.g. :directive: compare`,
		},
		{
			name: "a misspelt name gets a suggestion and the list",
			src:  "text\n\n```{options}\n:directive: compair\n```\n",
			want: `x.md:4: {options}: option "directive": there is no directive {compair} (did you mean compare?); directives are bandwidth, builtins, compare, compute, equivalence, explore, figure, heatmap, kernels, options, plot, signal, source, train, weights`,
		},
		{
			name: "an unrelated name gets only the list",
			src:  "```{options}\n:directive: histogram\n```\n",
			want: `x.md:2: {options}: option "directive": there is no directive {histogram}; directives are bandwidth, `,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs, blocks := expand(t, tt.src)
			if len(errs) != 1 || !strings.HasPrefix(errs[0].Error(), tt.want) {
				t.Fatalf("errors %v, want one starting %q", errs, tt.want)
			}
			if blocks[0].HTML != nil {
				t.Errorf("a failed block has HTML: %s", blocks[0].HTML)
			}
		})
	}
}

// hostileOptions has tags full of characters that HTML gives meaning to.
type hostileOptions struct {
	Tag string  `option:"<b>tag</b>" default:"a&b" doc:"Writes <script>alert(\"x\")</script> & more."`
	Max float64 `option:"max" default:"1" gt:"0" max:"10" doc:"'quoted'"`
}

func (*hostileOptions) Work() int64        { return 1 }
func (*hostileOptions) OutputBytes() int64 { return 1 }

func TestOptionsTableEscapesEverything(t *testing.T) {
	def := Define("<x>", `Draws "<i>" & friends.`, func(*hostileOptions, *Env) (*Result, error) { return nil, nil })
	r, err := NewRegistry(Extension{Name: "hostile", Sources: os.DirFS("."), Directives: []Definition{def}})
	if err != nil {
		t.Fatal(err)
	}
	doc, err := markup.New(markup.Config{}).Parse([]byte("```{options}\n:directive: <x>\n```\n"))
	if err != nil {
		t.Fatal(err)
	}
	caption := func([]byte) ([]byte, error) { return []byte("<em>caption HTML</em> stays\n"), nil }
	html, errs := r.RunBlock(Page{File: "x.md", Caption: caption}, markup.Directives(doc.Root)[0])
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	got := string(html)
	for _, bad := range []string{"<script>", "<b>", "<i>", "<x>", `"<`, "a&b", "& more", "& friends"} {
		if strings.Contains(got, bad) {
			t.Errorf("unescaped %q in:\n%s", bad, got)
		}
	}
	for _, want := range []string{
		`aria-label="Options of {&lt;x&gt;}"`,
		`<caption><code>{&lt;x&gt;}</code>: Draws &#34;&lt;i&gt;&#34; &amp; friends. <em>caption HTML</em> stays</caption>`,
		`<th scope="row">&lt;b&gt;tag&lt;/b&gt;</th><td>a&amp;b</td><td>—</td><td>Writes &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more.</td>`,
		`<td>1</td><td>&gt; 0 and ≤ 10</td><td>&#39;quoted&#39;</td>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("HTML lacks %q:\n%s", want, got)
		}
	}
}

func TestIsFigure(t *testing.T) {
	figures := map[string]bool{}
	for _, d := range seed.All() {
		figures[d.Name] = d.IsFigure()
	}
	for name, want := range map[string]bool{"compare": true, "train": true, "signal": true, "source": false, "options": false} {
		if figures[name] != want {
			t.Errorf("{%s}.IsFigure() = %v, want %v", name, figures[name], want)
		}
	}
}

// guideBlocks splits the authoring guide into its live directive blocks and
// the Markdown examples it shows in ````markdown fences, each block kept
// whole from its opening fence to its closing one.
func guideBlocks(src string) (live, shown []string) {
	var cur []string
	kind := "" // "", "live", "shown" or "code"
	for _, line := range strings.Split(src, "\n") {
		switch {
		case kind == "" && strings.HasPrefix(line, "````"):
			kind, cur = "shown", nil
			continue
		case kind == "" && strings.HasPrefix(line, "```{"):
			kind, cur = "live", []string{line}
			continue
		case kind == "" && strings.HasPrefix(line, "```"):
			kind = "code"
			continue
		case kind == "shown" && line == "````":
			shown = append(shown, strings.Join(cur, "\n"))
			kind = ""
			continue
		case kind == "live" && line == "```":
			live = append(live, strings.Join(append(cur, line), "\n"))
			kind = ""
			continue
		case kind == "code" && line == "```":
			kind = ""
			continue
		}
		cur = append(cur, line)
	}
	return live, shown
}

// TestAuthoringGuideCoversEveryDirective keeps content/authoring/index.md in step
// with the registry: each directive has an {options} table and a live
// example shown with its source exactly as it runs, and every figure in the
// guide has a label.
func TestAuthoringGuideCoversEveryDirective(t *testing.T) {
	data, err := os.ReadFile("../../content/authoring/index.md")
	if err != nil {
		t.Fatal(err)
	}
	live, shown := guideBlocks(string(data))
	isShown := func(block string) bool {
		for _, s := range shown {
			if strings.Contains(s, block) {
				return true
			}
		}
		return false
	}
	for _, d := range seed.All() {
		table, example := false, false
		for _, b := range live {
			if strings.HasPrefix(b, "```{options}\n:directive: "+d.Name+"\n") {
				table = true
			}
			// A directive that shows a file names it after its name.
			if (strings.HasPrefix(b, "```{"+d.Name+"}\n") || strings.HasPrefix(b, "```{"+d.Name+"} ")) && isShown(b) {
				example = true
			}
		}
		if !table {
			t.Errorf("the guide has no ```{options} table with :directive: %s", d.Name)
		}
		if !example {
			t.Errorf("the guide has no live {%s} example shown in a ````markdown fence exactly as it runs", d.Name)
		}
	}
	for _, b := range live {
		name, _, _ := strings.Cut(strings.TrimPrefix(b, "```{"), "}")
		if d, ok := seed.Lookup(name); ok && d.IsFigure() && !strings.Contains(b, "\n:label: ") {
			t.Errorf("a figure in the guide has no label:\n%s", b)
		}
	}
}
