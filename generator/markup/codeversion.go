package markup

import (
	"embed"
	"runtime/debug"
	"sync"

	"github.com/kernelpress/kernelpress/generator/cache"
)

//go:embed code.go golexer.go
var highlighterSources embed.FS

// HighlighterVersion names everything HighlightFenced's output depends on
// besides its arguments: the code of this package that highlights, and the
// release of chroma it was built with. It is part of a highlighted block's
// cache key.
var HighlighterVersion = sync.OnceValue(func() string {
	chroma := "unknown"
	if info, ok := debug.ReadBuildInfo(); ok {
		for _, m := range info.Deps {
			if m.Path == "github.com/alecthomas/chroma/v2" {
				chroma = m.Version
				if m.Replace != nil {
					chroma = m.Replace.Path + "@" + m.Replace.Version
				}
			}
		}
	}
	return cache.Key("highlighter", cache.DigestFS(highlighterSources), chroma)
})
