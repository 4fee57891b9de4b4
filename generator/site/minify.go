package site

import (
	"bytes"
	"fmt"
	"path"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/js"
)

// minifier shrinks the stylesheets and scripts the site ships; pages are
// left as written, so their HTML stays readable for anyone who views the
// source.
var minifier = func() *minify.M {
	m := minify.New()
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	return m
}()

// minifyAsset minifies a stylesheet or script by its file name's extension
// and returns any other file unchanged.
func minifyAsset(name string, data []byte) ([]byte, error) {
	var mediatype string
	switch path.Ext(name) {
	case ".css":
		mediatype = "text/css"
	case ".js":
		mediatype = "application/javascript"
	default:
		return data, nil
	}
	var out bytes.Buffer
	if err := minifier.Minify(mediatype, &out, bytes.NewReader(data)); err != nil {
		return nil, fmt.Errorf("minifying %s: %w", name, err)
	}
	return out.Bytes(), nil
}
