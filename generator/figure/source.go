package figure

import (
	"embed"

	"github.com/kernelpress/kernelpress/generator/cache"
)

//go:embed *.go
var sources embed.FS

// SourceDigest identifies the code of this package as compiled: a hash of
// its Go files (tests left out). Figures are cached under keys that include
// it, so a change to how figures are drawn redraws them.
var SourceDigest = cache.DigestFS(sources)
