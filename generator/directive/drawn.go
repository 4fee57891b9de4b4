package directive

import (
	"encoding/json"
	"regexp"
	"strings"

	"github.com/kernelpress/kernelpress/generator/cache"
)

// drawn is a figure as drawn, without its number and caption: what the
// cache keeps between builds.
type drawn struct {
	Plot   []byte       `json:"plot"`
	Note   string       `json:"note,omitempty"`
	Tables []drawnTable `json:"tables"` // none for an image figure ({figure})
	// Raster says whether the drawing has a PNG form; Social holds it once
	// the figure has been the first of a page to have one (Outcome.Social).
	Raster bool   `json:"raster,omitempty"`
	Social []byte `json:"social,omitempty"`
}

// drawnTable is one CSV file of a figure.
type drawnTable struct {
	File  string `json:"file"`
	Label string `json:"label"`
	CSV   []byte `json:"csv"`
}

// figureKind names drawn figures in the cache.
const figureKind = "figure"

// tableName is the form of every CSV file name a figure writes: its id,
// perhaps a table's name after a hyphen, and .csv.
var tableName = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9-]*\.csv$`)

// loadDrawn returns the figure of id stored under key, or nil. What the
// cache holds is checked like any input: an entry that does not decode, or
// whose file names are not the figure's, is drawn again, with a warning.
func loadDrawn(store *cache.Store, key, id string) *drawn {
	data, ok := store.Get(figureKind, key)
	if !ok {
		return nil
	}
	var d drawn
	if err := json.Unmarshal(data, &d); err != nil || d.Plot == nil {
		store.Warn("the figure %s under key %s cannot be read; it was drawn again", id, key)
		return nil
	}
	for _, t := range d.Tables {
		if !tableName.MatchString(t.File) || (t.File != id+".csv" && !strings.HasPrefix(t.File, id+"-")) {
			store.Warn("the figure %s under key %s names a data file %q that is not its own; it was drawn again", id, key, t.File)
			return nil
		}
	}
	return &d
}

// saveDrawn stores a figure under key. A cache that cannot be written only
// makes the next build slower, so errors are dropped.
func saveDrawn(store *cache.Store, key string, d *drawn) {
	data, err := json.Marshal(d)
	if err == nil {
		_ = store.Put(figureKind, key, data)
	}
}
