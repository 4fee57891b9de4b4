package site

import (
	"bytes"
	"fmt"
	"html/template"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// pageKinds are the templates a site needs besides base.html; each defines
// "title" and "main" blocks that base.html places.
var pageKinds = []string{"index", "page", "404"}

// templates holds one parsed template set per kind of page.
type templates struct {
	kinds map[string]*template.Template // by page kind, with rel returning its argument
	ids   map[string]bool               // the fixed ids the templates write, which headings and figures must not take
	bound sync.Map                      // boundKey → the kind's template with rel bound to that root
}

// boundKey names a template whose rel function prepends root.
type boundKey struct{ kind, root string }

// loadTemplates parses base.html together with each page kind's file. It
// reports every template that does not parse, each at its file and line.
func loadTemplates(dir string) (*templates, []error) {
	base := filepath.Join(dir, "base.html")
	baseText, err := readRegular(base)
	if err != nil {
		return nil, []error{fmt.Errorf("%s:1: cannot read the base template: %w", base, err)}
	}
	funcs := template.FuncMap{
		// rel is replaced per page by view.bind; this stub makes parsing possible.
		"rel":     func(p string) string { return p },
		"date":    func(t time.Time) string { return t.Format("2 January 2006") },
		"isodate": func(t time.Time) string { return t.Format("2006-01-02") },
	}
	var errs []error
	if _, err := template.New("base.html").Funcs(funcs).Parse(string(baseText)); err != nil {
		errs = append(errs, templateProblem(dir, err, ""))
	}
	ts := &templates{kinds: map[string]*template.Template{}, ids: templateIDs(baseText)}
	for _, kind := range pageKinds {
		file := filepath.Join(dir, kind+".html")
		text, err := readRegular(file)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:1: cannot read the template: %w", file, err))
			continue
		}
		for id := range templateIDs(text) {
			ts.ids[id] = true
		}
		if _, err := template.New(kind + ".html").Funcs(funcs).Parse(string(text)); err != nil {
			errs = append(errs, templateProblem(dir, err, ""))
			continue
		}
		if len(errs) > 0 {
			continue
		}
		t, err := template.New("base.html").Funcs(funcs).Parse(string(baseText))
		if err == nil {
			_, err = t.New(kind + ".html").Parse(string(text))
		}
		if err != nil {
			errs = append(errs, templateProblem(dir, err, ""))
			continue
		}
		ts.kinds[kind] = t
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return ts, nil
}

// render executes the template of the given kind for one page. root is the
// prefix that turns a site-relative path into a working link from that page.
func (ts *templates) render(kind string, v *view) ([]byte, error) {
	t, err := ts.withRoot(kind, v.Root)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		return nil, err // it names the template file and line; see templateProblem
	}
	return buf.Bytes(), nil
}

// withRoot returns the template of kind with rel prepending root. Each is
// cloned once and kept: html/template escapes a template on its first run,
// and a clone per page made that most of the time of rendering it.
func (ts *templates) withRoot(kind, root string) (*template.Template, error) {
	key := boundKey{kind, root}
	if t, ok := ts.bound.Load(key); ok {
		return t.(*template.Template), nil
	}
	t, err := ts.kinds[kind].Clone()
	if err != nil {
		return nil, fmt.Errorf("template %s.html: %w", kind, err)
	}
	t.Funcs(template.FuncMap{"rel": func(p string) string { return root + strings.TrimPrefix(p, "/") }})
	t2, _ := ts.bound.LoadOrStore(key, t)
	return t2.(*template.Template), nil
}

// siteView is what every template knows about the site.
type siteView struct {
	Title       string
	Description string
	Intro       template.HTML // the rendered body of content/_index.md
	BaseURL     string        // the path the site is served under, e.g. /repo/
	Author      string        // from content/_index.md; empty when not given
}

// view is the data a template receives.
type view struct {
	Site       siteView
	Page       *Page   // the explainer (explainer pages) or a stand-in (404)
	Pages      []*Page // every explainer, newest first (index page)
	Root       string  // "" on the index, "../" on an explainer, the base path on 404
	Stylesheet string  // site-relative path of the fingerprinted stylesheet
	Canonical  string  // URL of this page: absolute when the base URL is a full URL, else root-relative
}
