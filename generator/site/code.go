package site

import (
	"runtime"

	"github.com/kernelpress/kernelpress/generator/cache"
	"github.com/kernelpress/kernelpress/generator/markup"
	"github.com/kernelpress/kernelpress/generator/parallel"
)

// codeKind names highlighted code blocks in the cache.
const codeKind = "code"

// maxHighlightedBytesPerFile bounds the code one file has highlighted; the
// blocks past it are shown as plain text. With markup.MaxHighlightBytes per
// block, it bounds the time the slowest lexer can take on one page.
const maxHighlightedBytesPerFile = 128 << 10

// highlightCode highlights the fenced code blocks of doc ahead of rendering,
// several at once, taking those highlighted by an earlier build from the
// store, as typesetMath does for formulas: the dev server then pays for a
// block once, not on every save.
func highlightCode(doc *markup.Document, store *cache.Store) {
	blocks := markup.CodeBlocks(doc)
	budget := maxHighlightedBytesPerFile
	var highlighted []*markup.CodeBlock
	for _, b := range blocks {
		if len(b.Code) > markup.MaxHighlightBytes || len(b.Code) > budget {
			b.SetHTML(markup.PlainFenced(b.Code, b.Language))
			continue
		}
		budget -= len(b.Code)
		highlighted = append(highlighted, b)
	}
	version := markup.HighlighterVersion()
	parallel.Map(runtime.GOMAXPROCS(0), highlighted, func(b *markup.CodeBlock) struct{} {
		key := cache.Key(codeKind, version, b.Language, string(b.Code))
		html, ok := store.Get(codeKind, key)
		if !ok {
			html = markup.HighlightFenced(b.Code, b.Language)
			_ = store.Put(codeKind, key, html) // a cache that cannot be written only slows the next build
		}
		b.SetHTML(html)
		return struct{}{}
	})
}
