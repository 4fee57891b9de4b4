package starnum

import (
	"embed"

	"github.com/kernelpress/kernelpress/generator/cache"
)

//go:embed *.go
var sources embed.FS

// SourceDigest identifies the code of this package as compiled: a hash of
// its Go files (tests left out). What {compute} blocks computed is cached
// under keys that include it, so a change to the library recomputes them.
var SourceDigest = cache.DigestFS(sources)
