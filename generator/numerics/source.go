package numerics

import (
	"embed"

	"github.com/kernelpress/kernelpress/generator/cache"
)

//go:embed *.go
var sources embed.FS

// SourceDigest identifies the code of this package as compiled: a hash of
// its Go files (tests left out). Results computed by it are cached under
// keys that include it, so a change to the numerics recomputes them.
var SourceDigest = cache.DigestFS(sources)
