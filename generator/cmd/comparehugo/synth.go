package main

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// This file writes the synthetic site: the same pages, word for word, once
// in kernelpress's layout and once in Hugo's.

// siteTitle and siteIntro are the synthetic site's title and home-page text.
const (
	siteTitle = "Synthetic notes"
	siteIntro = "Short pages of generated prose and Go code, the same for both generators."
)

// words is the vocabulary of the generated prose.
var words = strings.Fields(`
	the a of and to in is that for it as with on by this be are from at or an
	which not have has but we can one all their will each more when there so
	these they than some its other into only also then two may any such most
	kernel weight smoother bandwidth query input output value average signal
	noise matrix vector softmax attention position sample estimate model layer
	distance point curve figure data error function step rate learning training
	method sum product scale width peak range interval grid function gradient
	simple small large narrow wide smooth noisy exact close far near middle
	compute draw measure choose fit compare weigh learn shift divide multiply
	reader writer page essay section heading paragraph sentence number table
`)

// identifiers name things in the generated Go code.
var identifiers = strings.Fields(`
	total count weights values inputs queries scale offset width height limit
	index sum mean norm score bias delta step rate acc buf out result
`)

// page is one synthetic page.
type page struct {
	Slug        string
	Title       string
	Description string
	Date        time.Time
	Body        string // Markdown after the front matter
}

// frontMatter returns the page's YAML front matter, with its delimiters;
// both generators read it alike.
func (p page) frontMatter() string {
	return fmt.Sprintf("---\ntitle: %q\ndate: %s\ndescription: %q\n---\n\n",
		p.Title, p.Date.Format("2006-01-02"), p.Description)
}

// newestDate is the date of page 0; page i is dated i days before it (see
// pageDate).
var newestDate = time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)

// maxPages is the most pages a synthetic site has: page 99,999 is dated
// 1746-03-19.
const maxPages = 100_000

// pageDate returns the date of page i, i days before newestDate: every page
// lies in the past whenever the sites are built (Hugo leaves out pages
// dated in the future), has a day of its own (so both generators list the
// pages newest first in one order, page-0000 first), and its date does not
// depend on the clock or on the number of pages.
func pageDate(i int) time.Time { return newestDate.AddDate(0, 0, -i) }

// synthPage returns page i, the same for a given i whatever the number of
// pages.
func synthPage(i int) page {
	r := rand.New(rand.NewPCG(1, uint64(i)))
	var body strings.Builder
	paragraphs := func(n int) {
		for range n {
			body.WriteString(paragraph(r))
			body.WriteString("\n\n")
		}
	}
	paragraphs(2 + r.IntN(2))
	body.WriteString("## " + capitalise(phrase(r, 2+r.IntN(3))) + "\n\n")
	paragraphs(1)
	body.WriteString("```go\n" + goCode(r) + "```\n\n")
	paragraphs(1 + r.IntN(2))
	return page{
		Slug:        fmt.Sprintf("page-%04d", i),
		Title:       capitalise(phrase(r, 3+r.IntN(4))),
		Description: sentence(r),
		Date:        pageDate(i),
		Body:        body.String(),
	}
}

// phrase returns n random words.
func phrase(r *rand.Rand, n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = words[r.IntN(len(words))]
	}
	return strings.Join(ws, " ")
}

// sentence returns a capitalised sentence of 8 to 20 words.
func sentence(r *rand.Rand) string {
	s := phrase(r, 8+r.IntN(13))
	if r.IntN(4) == 0 { // a comma now and then
		ws := strings.Fields(s)
		k := 2 + r.IntN(len(ws)-3)
		ws[k] += ","
		s = strings.Join(ws, " ")
	}
	return capitalise(s) + "."
}

// paragraph returns 3 to 6 sentences, wrapped at about 72 columns.
func paragraph(r *rand.Rand) string {
	n := 3 + r.IntN(4)
	ss := make([]string, n)
	for i := range ss {
		ss[i] = sentence(r)
	}
	return wrap(strings.Join(ss, " "), 72)
}

// goCode returns a Go function of 15 lines with random names and numbers.
func goCode(r *rand.Rand) string {
	id := func() string { return identifiers[r.IntN(len(identifiers))] }
	name, acc, x := id()+"Of", id(), id()
	return fmt.Sprintf(`// %s %s.
func %s(xs []float64, limit int) (float64, error) {
	%s := 0.0
	for i, %s := range xs {
		if i >= limit {
			return %s, fmt.Errorf("%s: %%d values, limit %%d", len(xs), limit)
		}
		if %s > %.2f {
			%s += %s * float64(i)
		} else {
			%s -= %s / %d
		}
	}
	return %s, nil
}
`, name, phrase(r, 5), name, acc, x, acc, name, x, 10*r.Float64(), acc, x, acc, x, 2+r.IntN(8), acc)
}

// capitalise upper-cases the first letter of s.
func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// wrap breaks s into lines of at most width columns, between words.
func wrap(s string, width int) string {
	var b strings.Builder
	col := 0
	for _, w := range strings.Fields(s) {
		if col > 0 && col+1+len(w) > width {
			b.WriteByte('\n')
			col = 0
		} else if col > 0 {
			b.WriteByte(' ')
			col++
		}
		b.WriteString(w)
		col += len(w)
	}
	return b.String()
}

// writeSites writes n pages as a kernelpress content folder under ours
// (content/*.md and content/_index.md) and as a Hugo site under hugo
// (hugo.toml, content/posts/*.md, content/_index.md, layouts and a
// stylesheet).
func writeSites(ours, hugo string, n int) error {
	files := map[string]string{
		filepath.Join(ours, "content", "_index.md"):               fmt.Sprintf("---\ntitle: %q\ndescription: %q\n---\n\n%s\n", siteTitle, siteIntro, siteIntro),
		filepath.Join(hugo, "content", "_index.md"):               fmt.Sprintf("---\ntitle: %q\ndescription: %q\n---\n\n%s\n", siteTitle, siteIntro, siteIntro),
		filepath.Join(hugo, "hugo.toml"):                          fmt.Sprintf(hugoConfig, siteTitle, siteIntro),
		filepath.Join(hugo, "layouts", "_default", "baseof.html"): hugoBaseof,
		filepath.Join(hugo, "layouts", "_default", "single.html"): hugoSingle,
		filepath.Join(hugo, "layouts", "_default", "list.html"):   hugoList,
		filepath.Join(hugo, "static", "css", "style.css"):         hugoStyle,
	}
	for i := 1; i <= n; i++ {
		p := synthPage(i)
		md := p.frontMatter() + p.Body
		files[filepath.Join(ours, "content", p.Slug+".md")] = md
		files[filepath.Join(hugo, "content", "posts", p.Slug+".md")] = md
	}
	for name, data := range files {
		if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
			return fmt.Errorf("writing the synthetic sites: %w", err)
		}
		if err := os.WriteFile(name, []byte(data), 0o644); err != nil {
			return fmt.Errorf("writing the synthetic sites: %w", err)
		}
	}
	return nil
}

// hugoConfig, given the site's title and description, highlights code
// with CSS classes, as kernelpress does, and turns off the taxonomy pages,
// which kernelpress does not have.
const hugoConfig = `baseURL = "http://localhost/"
languageCode = "en"
title = %q
disableKinds = ["taxonomy", "term"]

[params]
description = %q

[markup.highlight]
noClasses = false
`

// hugoBaseof is the page shell: head with title, description, canonical
// link, feed and stylesheet; header, main and footer.
const hugoBaseof = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Site.Params.description }}{{ end }}">
<meta property="og:title" content="{{ .Title }}">
<meta property="og:url" content="{{ .Permalink }}">
<link rel="canonical" href="{{ .Permalink }}">
{{ with .Site.Home.OutputFormats.Get "rss" }}<link rel="alternate" type="application/rss+xml" title="{{ $.Site.Title }}" href="{{ .RelPermalink }}">{{ end }}
<link rel="stylesheet" href="{{ "css/style.css" | relURL }}">
</head>
<body>
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header"><a class="site-name" href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main id="content" class="flow">
{{ block "main" . }}{{ end }}
</main>
<footer class="site-footer"><p>Built with Hugo</p></footer>
</body>
</html>
`

// hugoSingle is one page: title, date, description and content.
const hugoSingle = `{{ define "title" }}{{ .Title }} · {{ .Site.Title }}{{ end }}
{{ define "main" }}
<article class="explainer">
<header class="explainer-header">
<h1>{{ .Title }}</h1>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ with .Description }}<p class="description">{{ . }}</p>{{ end }}
</header>
{{ .Content }}
</article>
{{ end }}
`

// hugoList is the home page (every page, newest first, as kernelpress's
// index lists them) and the section page.
const hugoList = `{{ define "main" }}
<h1>{{ .Site.Title }}</h1>
{{ with .Content }}<div class="intro">{{ . }}</div>{{ end }}
<section class="page-list">
<h2>Pages</h2>
<ul>
{{ $pages := .Pages }}{{ if .IsHome }}{{ $pages = .Site.RegularPages }}{{ end }}
{{ range $pages.ByDate.Reverse }}
<li><article>
<h3><a href="{{ .RelPermalink }}">{{ .Title }}</a></h3>
<p class="meta"><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></p>
{{ with .Description }}<p class="summary">{{ . }}</p>{{ end }}
</article></li>
{{ end }}
</ul>
</section>
{{ end }}
`

// hugoStyle is a token stylesheet; kernelpress writes its own (with the
// highlighting colours and KaTeX's) on every build.
const hugoStyle = `body { font-family: sans-serif; max-width: 40rem; margin: 0 auto; }
.chroma .kd, .chroma .k { font-weight: bold; }
`
