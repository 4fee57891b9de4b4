package directive

import (
	"encoding/json"

	"github.com/kernelpress/kernelpress/generator/cache"
)

// drawn is a figure as drawn, without its number and caption: what the
// cache keeps between builds.
type drawn struct {
	Plot   []byte       `json:"plot"`
	Note   string       `json:"note,omitempty"`
	Tables []drawnTable `json:"tables"`
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

// loadDrawn returns the figure stored under key, or nil.
func loadDrawn(store *cache.Store, key string) *drawn {
	data, ok := store.Get(figureKind, key)
	if !ok {
		return nil
	}
	var d drawn
	if err := json.Unmarshal(data, &d); err != nil || d.Plot == nil || len(d.Tables) == 0 {
		return nil // unreadable: draw it again
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
