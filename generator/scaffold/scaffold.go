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
// needs: {plot} draws what a {compute} block above it computed.
var examplePreludes = map[string]string{
	"plot": "```{compute}\nxs = linspace(0, 1, 101)\nys = sin(2 * pi * xs)\n```\n",
}

// Write creates contentDir/<slug>.md, a draft explainer titled title and
// dated date with an example of each figure directive of directives, and
// returns its path; an empty title is made from the slug
// (see Title). It refuses a slug that cannot be a URL and a title that is
// not one line of text, and never overwrites: it fails when <slug>.md or a
// bundle folder <slug>/ exists.
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
	path = filepath.Join(contentDir, slug+".md")
	bundle := filepath.Join(contentDir, slug)
	if _, err := os.Lstat(bundle); err == nil {
		return "", fmt.Errorf("%s%c already exists: the explainer %q is a bundle there; pick another slug or edit %s",
			bundle, filepath.Separator, slug, filepath.Join(bundle, "index.md"))
	}
	// O_EXCL makes the check and the creation one step, so that a file
	// that appears meanwhile is not overwritten either.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists; pick another slug or edit that file", path)
	}
	if err != nil {
		return "", err
	}
	_, err = f.WriteString(Source(title, date, directives))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return "", fmt.Errorf("writing %s: %w", path, err)
	}
	return path, nil
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

## Figures

Below is a small example of every figure the generator draws; keep the ones
you need and delete the rest. Refer to a figure with an empty link to its
label, and the build writes its number:

`, yamlString(title), date.Format("2006-01-02"))
	for _, d := range figures {
		fmt.Fprintf(&b, "- [](#fig-%s) is drawn by `{%s}`.\n", d.Name, d.Name)
	}
	b.WriteString("\nThe site's authoring guide (`content/authoring/index.md`, published at `authoring/`)\nlists every option of every directive.\n")
	for _, d := range figures {
		if p, ok := examplePreludes[d.Name]; ok {
			b.WriteString("\n" + p)
		}
		fmt.Fprintf(&b, "\n```{%s}\n:label: fig-%s\n", d.Name, d.Name)
		for _, line := range exampleOptions[d.Name] {
			b.WriteString(line + "\n")
		}
		fmt.Fprintf(&b, "\n%s\n```\n", markdownText(d.Summary))
	}
	b.WriteString(`
## Code

A listing quotes the generator's own code, read when the site is built, so
it is always the code that drew the figures.

` + "```{source}\n:func: numerics.Smooth\n\nThe Nadaraya–Watson smoother, as the generator computes it.\n```\n")
	return b.String()
}

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
