// Package scaffold starts a new explainer: a draft Markdown file with its
// front matter filled in, a little prose with math, and a small example of
// every figure directive the generator has, which builds as it is.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/kernelpress/kernelpress/generator/directive"
)

// slugPattern and reservedSlugs repeat the rule of generator/site's content
// discovery, which publishes content/<slug>.md at <slug>/; the tests check
// that both agree.
var (
	slugPattern   = regexp.MustCompile(`^[a-z0-9]+(?:-[a-z0-9]+)*$`)
	reservedSlugs = map[string]bool{"css": true, "404": true, "index": true}
)

// exampleOptions are option lines that keep a directive's example cheap to
// compute and light to ship. A directive that is not listed gets its
// defaults, so a new one appears in new explainers without any change here.
var exampleOptions = map[string][]string{
	"explore": {":n: 30", ":bandwidths: 0.05:0.3:0.05", ":temperatures: 0.5:2:0.5"},
	"heatmap": {":n: 30"},
	"train":   {":steps: 200"},
	"plot":    {":x: xs", ":line: ys"},
}

// examplePreludes are blocks written before a directive's example that it
// needs: {plot} draws what a {compute} block above it computed, which the
// text can state with an {eval} role too.
var examplePreludes = map[string]string{
	"plot": "```{compute}\nxs = linspace(0, 1, 101)\nys = sin(2 * pi * xs)\n```\n\n" +
		"A number in the text is computed as well: the sine peaks at x = {eval}`\"%.2f\" % xs[argmax(ys)]`.\n",
}

// Write creates the bundle contentDir/<slug>/, holding index.md, a draft
// explainer titled title and dated date with an example of each figure
// directive of directives, and returns the path of index.md; an empty
// title is made from the slug (see Title). Data files and images go beside
// index.md. It refuses a slug that cannot be a URL and a title that is not
// one line of text, and never overwrites: it fails when the folder <slug>/
// or a single-file explainer <slug>.md (or .markdown, in any case) exists.
func Write(contentDir, slug, title string, date time.Time, directives []directive.Definition) (path string, err error) {
	if err := checkSlug(slug); err != nil {
		return "", err
	}
	if title == "" {
		title = Title(slug)
	}
	title = strings.TrimSpace(title)
	if err := checkTitle(title); err != nil {
		return "", err
	}
	info, err := os.Stat(contentDir)
	if err != nil {
		return "", fmt.Errorf("content directory: %w", err)
	}
	if !info.IsDir() {
		return "", fmt.Errorf("content directory %s is not a directory", contentDir)
	}
	if file, err := singleFile(contentDir, slug); err != nil {
		return "", err
	} else if file != "" {
		return "", fmt.Errorf("%s already exists: the explainer %q is that file; pick another slug or edit it", file, slug)
	}
	bundle := filepath.Join(contentDir, slug)
	// Mkdir makes the check and the creation one step, so that a folder
	// that appears meanwhile is not written into either.
	if err := os.Mkdir(bundle, 0o755); errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s%c already exists: the explainer %q is a bundle there; pick another slug or edit %s",
			bundle, filepath.Separator, slug, filepath.Join(bundle, "index.md"))
	} else if err != nil {
		return "", err
	}
	path = filepath.Join(bundle, "index.md")
	err = os.WriteFile(path, []byte(Source(title, date, directives)), 0o644)
	if err != nil {
		os.Remove(path)
		os.Remove(bundle) // made just now; removed only if still empty
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	return path, nil
}

// singleFile returns the path of the single-file explainer contentDir
// holds for slug (<slug>.md, or .markdown, its ending in any case, as the
// site finds them), or "" when there is none.
func singleFile(contentDir, slug string) (string, error) {
	entries, err := os.ReadDir(contentDir)
	if err != nil {
		return "", fmt.Errorf("content directory: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		for _, ext := range []string{".md", ".markdown"} {
			if len(name) == len(slug)+len(ext) && strings.HasPrefix(name, slug) && strings.EqualFold(name[len(slug):], ext) {
				return filepath.Join(contentDir, name), nil
			}
		}
	}
	return "", nil
}

// checkSlug says why slug cannot name an explainer, suggesting one that can
// when the fix is obvious (capitals, spaces, underscores).
func checkSlug(slug string) error {
	if slugPattern.MatchString(slug) && !reservedSlugs[slug] {
		return nil
	}
	msg := fmt.Sprintf("%q cannot be a slug: it becomes the page's URL, so use lower-case letters, digits and single hyphens (not css, 404 or index)", slug)
	if s := slugify(slug); s != slug && slugPattern.MatchString(s) && !reservedSlugs[s] {
		return fmt.Errorf("%s; did you mean %s?", msg, s)
	}
	return fmt.Errorf("%s, e.g. my-explainer", msg)
}

// slugify lower-cases s and joins its runs of ASCII letters and digits with
// single hyphens.
func slugify(s string) string {
	words := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	return strings.Join(words, "-")
}

// checkTitle says why title cannot be an explainer's title: it must be one
// line of UTF-8 text, not blank.
func checkTitle(title string) error {
	if strings.TrimSpace(title) == "" {
		return errors.New("the title is blank; give it a few words, or none to have it made from the slug")
	}
	if !utf8.ValidString(title) {
		return fmt.Errorf("the title %q is not valid UTF-8", title)
	}
	for _, r := range title {
		if unicode.IsControl(r) {
			return fmt.Errorf("the title %q holds the control character %U; a title is one line of text", title, r)
		}
	}
	return nil
}

// yamlString quotes s as a YAML double-quoted scalar, which reads back as
// exactly s however it is spelled: quotes, backslashes, colons, "#", a
// leading "-" or words such as true and null are all just text in it.
// Control characters, and the line and paragraph separators YAML 1.1 ends
// lines at, are escaped as \uXXXX.
func yamlString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case unicode.IsControl(r) || r == '\u2028' || r == '\u2029' || r == '\ufeff':
			fmt.Fprintf(&b, "\\u%04X", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// Title derives a title from a slug: "my-explainer" becomes "My explainer".
func Title(slug string) string {
	t := strings.ReplaceAll(slug, "-", " ")
	r, size := utf8.DecodeRuneInString(t)
	if size == 0 {
		return t
	}
	return string(unicode.ToUpper(r)) + t[size:]
}

// Source returns the Markdown of a new draft explainer titled title: front
// matter, prose with inline and display math, an example of every figure
// directive of directives (a directive.Registry's All) but those that show
// a file of the explainer's folder ({figure}, which would need an image),
// each labelled fig-<name> and referred to from the text, and a {source}
// example.
func Source(title string, date time.Time, directives []directive.Definition) string {
	var figures []directive.Definition
	for _, d := range directives {
		if d.IsFigure() && !d.ShowsFile() {
			figures = append(figures, d)
		}
	}

	var b strings.Builder
	fmt.Fprintf(&b, `---
title: %s
description: "One sentence that says what this explainer shows; it appears under the title and on the home page."
date: %s
draft: true
tags: []
---

Open with the question this explainer answers, in a paragraph or two. Write
math inline between backslash-parentheses, as in \(\hat y(x_o) = \sum_i w_i(x_o)\, y_i\),
and display math between double dollars, on lines of its own:

$$
w_i(x_o) = \frac{K(x_i, x_o)}{\sum_{j=1}^{n} K(x_j, x_o)} .
$$

Footnotes become sidenotes on wide screens.[^note] This file is a draft
(`+"`draft: true`"+` in the front matter): preview it with `+"`make serve DRAFTS=1`"+`,
and remove that line to publish it.

[^note]: A footnote, shown beside its sentence when there is room.

## Data and images

This explainer is a folder, a bundle, and this file is its `+"`index.md`"+`.
Put its data files and images beside this file, or in folders of their own
inside it such as `+"`data/`"+` and `+"`img/`"+`. A compute block reads a data file with
`+"`read_csv(\"data/measurements.csv\")`"+`, and the text shows an image with
`+"`![What the image shows](img/diagram.svg)`"+`.
The site publishes the files the page uses (the images it shows, the
files it links to, the data its compute blocks read) and keeps the rest
of the folder, such as the script that made the data or your notes,
private; `+"`make site`"+` lists both.

## Figures

Below is a small example of every figure the generator draws; keep the ones
you need and delete the rest. Refer to a figure with an empty link to its
label, and the build writes its number:

`, yamlString(title), date.Format("2006-01-02"))
	// The engine's own figures, which draw your values on any topic, come
	// first; then each model's, which draw that model and nothing else.
	var general []directive.Definition
	models := map[string][]directive.Definition{}
	var modelNames []string
	for _, d := range figures {
		if d.Model() == "" {
			general = append(general, d)
			continue
		}
		if _, seen := models[d.Model()]; !seen {
			modelNames = append(modelNames, d.Model())
		}
		models[d.Model()] = append(models[d.Model()], d)
	}
	sort.Strings(modelNames)
	for _, d := range general {
		fmt.Fprintf(&b, "- [](#fig-%s) is drawn by `{%s}`.\n", d.Name, d.Name)
		if d.Name == "plot" {
			b.WriteString("- [](#fig-slider) is drawn by `{plot}` too, with a slider.\n")
		}
	}
	for _, m := range modelNames {
		for _, d := range models[m] {
			fmt.Fprintf(&b, "- [](#fig-%s) is drawn by `{%s}`.\n", d.Name, d.Name)
		}
	}
	b.WriteString("\nThe site's authoring guide (`content/authoring/index.md`, published at `authoring/`)\nlists every option of every directive.\n")
	if len(general) > 0 {
		b.WriteString("\n### Computed from your data\n\nA `{compute}` block computes, in Starlark with a numeric library, and the\nfigures below it draw what it computed.\n")
		writeExamples(&b, general)
		if hasDirective(general, "plot") {
			b.WriteString(sliderExample)
		}
	}
	for _, m := range modelNames {
		fmt.Fprintf(&b, "\n### The %s model\n\nThese draw the %s model the site's first explainer is about, on inputs\nof their own; keep them only if your explainer is about it too.\n", m, m)
		writeExamples(&b, models[m])
	}
	b.WriteString(`
## Code

A listing quotes the generator's own code, read when the site is built, so
it is always the code that drew the figures.

` + "```{source}\n:func: numerics.Smooth\n\nThe Nadaraya–Watson smoother, as the generator computes it.\n```\n")
	return b.String()
}

// writeExamples writes an example block of each directive.
func writeExamples(b *strings.Builder, defs []directive.Definition) {
	for _, d := range defs {
		if p, ok := examplePreludes[d.Name]; ok {
			b.WriteString("\n" + p)
		}
		fmt.Fprintf(b, "\n```{%s}\n:label: fig-%s\n", d.Name, d.Name)
		for _, line := range exampleOptions[d.Name] {
			b.WriteString(line + "\n")
		}
		fmt.Fprintf(b, "\n%s\n```\n", markdownText(d.Summary))
	}
}

// hasDirective reports whether defs holds the directive name.
func hasDirective(defs []directive.Definition, name string) bool {
	for _, d := range defs {
		if d.Name == name {
			return true
		}
	}
	return false
}

// sliderExample shows a {plot} with a slider over a parameter of the
// author's, after the {plot} example whose values it draws.
const sliderExample = `
A figure can have sliders over your own parameters: every setting is
computed when the site is built, the page only shows the one chosen, and
its address keeps the setting.

` + "```{plot}\n:label: fig-slider\n:x: xs\n:line: sin(2 * pi * k * xs) as \"sine\"\n:vary: k = 1 … 4 step 1 default 2 as \"frequency k\"\n\nA sine at the frequency the slider sets.\n```\n"

// markdownText escapes the characters that would make plain text (a
// directive's summary) read as Markdown markup, math or HTML.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range s {
		if strings.ContainsRune("\\`*[]<>$", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
