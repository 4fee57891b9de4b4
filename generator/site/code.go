package site

import (
	"runtime"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/parallel"
)

// codeKind names highlighted code blocks in the cache.
const codeKind = "code"

// maxHighlightMsPerFile bounds the estimated worst time of highlighting one
// file's code blocks (markup.HighlightCost); the blocks past it are shown
// as plain text. Real code costs far less than the estimate, which is the
// lexers' time on pathological input: the shipped explainers use under a
// tenth of it.
const maxHighlightMsPerFile = 2000

// highlightCode highlights the fenced code blocks of doc ahead of rendering,
// several at once, taking those highlighted by an earlier build from the
// store, as typesetMath does for formulas: the dev server then pays for a
// block once, not on every save.
func highlightCode(doc *markup.Document, store *cache.Store) {
	blocks := markup.CodeBlocks(doc)
	budget := float64(maxHighlightMsPerFile)
	var highlighted []*markup.CodeBlock
	for _, b := range blocks {
		ms, ok := markup.Highlightable(b.Language, b.Code)
		if !ok || ms > budget {
			b.SetHTML(markup.PlainFenced(b.Code, b.Language))
			continue
		}
		budget -= ms
		highlighted = append(highlighted, b)
	}
	version := markup.HighlighterVersion()
	parallel.Map(runtime.GOMAXPROCS(0), highlighted, func(b *markup.CodeBlock) struct{} {
		key := cache.Key(codeKind, version, b.Language, string(b.Code))
		html, ok := store.Get(codeKind, key)
		if !ok {
			html = markup.HighlightChecked(b.Code, b.Language) // Highlightable above
			_ = store.Put(codeKind, key, html)                 // a cache that cannot be written only slows the next build
		}
		b.SetHTML(html)
		return struct{}{}
	})
}
