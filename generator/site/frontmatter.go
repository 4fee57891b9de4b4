package site

import (
	"bytes"
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/kernelpress/kernelpress/generator/suggest"
)

// Meta is what an explainer's front matter says about it.
type Meta struct {
	Title       string    // required
	Description string    // one sentence, shown on the index and in the page's <meta>
	Date        time.Time // publication date; zero when not given
	Draft       bool      // left out of the build unless drafts are asked for
	Tags        []string  // free-form topics
	Author      string    // who wrote it; in content/_index.md, the site's author (the feed's)
	RawHTML     bool      // in content/_index.md only: let raw HTML in Markdown through

	rawHTMLLine int // the line of the raw_html key, 0 when absent
}

// metaFields documents the front matter keys, in the order the README lists them.
var metaFields = []string{"title", "description", "date", "draft", "tags", "author", "raw_html"}

// fieldError is a front matter problem at a line of the file.
type fieldError struct {
	line int
	msg  string
}

// decodeMeta checks the decoded front matter map field by field, so that each
// problem names the key and what was expected. raw is the front matter text
// and firstLine the file line it starts on, used to point at offending keys.
func decodeMeta(values map[string]any, raw []byte, firstLine int) (Meta, []fieldError) {
	var (
		m    Meta
		errs []fieldError
	)
	lineOf := func(key string) int { return keyLine(raw, firstLine, key) }
	fail := func(key, format string, args ...any) {
		errs = append(errs, fieldError{line: lineOf(key), msg: fmt.Sprintf("front matter: "+format, args...)})
	}
	titleMisspelt := false // an unknown key looks like "title", which says the title is missing
	keys := make([]string, 0, len(values))
	for k := range values {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, key := range keys {
		v := values[key]
		switch key {
		case "title":
			s, ok := v.(string)
			if !ok || strings.TrimSpace(s) == "" {
				fail(key, "\"title\" must be a non-empty string, got %s", describe(v))
				continue
			}
			if msg := tooLong(key, s, maxTitleRunes); msg != "" {
				fail(key, "%s; a title is a few words", msg)
				continue
			}
			m.Title = strings.TrimSpace(s)
		case "description":
			s, ok := v.(string)
			if !ok {
				fail(key, "\"description\" must be a string, got %s", describe(v))
				continue
			}
			if msg := tooLong(key, s, maxDescriptionRunes); msg != "" {
				fail(key, "%s; a description is a sentence or two", msg)
				continue
			}
			m.Description = strings.TrimSpace(s)
		case "date":
			t, err := parseDate(v)
			if err != nil {
				fail(key, "\"date\" %v", err)
				continue
			}
			m.Date = t
		case "draft":
			b, ok := v.(bool)
			if !ok {
				fail(key, "\"draft\" must be true or false, got %s", describe(v))
				continue
			}
			m.Draft = b
		case "tags":
			tags, err := parseTags(v)
			if err != nil {
				fail(key, "\"tags\" %v", err)
				continue
			}
			m.Tags = tags
		case "raw_html":
			b, ok := v.(bool)
			if !ok {
				fail(key, "\"raw_html\" must be true or false, got %s", describe(v))
				continue
			}
			m.RawHTML, m.rawHTMLLine = b, lineOf(key)
		case "author":
			s, ok := v.(string)
			if !ok || strings.TrimSpace(s) == "" {
				fail(key, "\"author\" must be a name, got %s", describe(v))
				continue
			}
			if msg := tooLong(key, s, maxAuthorRunes); msg != "" {
				fail(key, "%s; an author is a name", msg)
				continue
			}
			m.Author = strings.TrimSpace(s)
		default:
			msg := fmt.Sprintf("unknown key %q", key)
			if c := suggest.Closest(strings.ToLower(key), metaFields); c != "" {
				msg += fmt.Sprintf(" (did you mean %q?)", c)
				titleMisspelt = titleMisspelt || c == "title"
			}
			fail(key, "%s; keys are %s", msg, strings.Join(metaFields, ", "))
		}
	}
	if _, ok := values["title"]; !ok && !titleMisspelt {
		errs = append(errs, fieldError{line: firstLine, msg: "front matter: \"title\" is required"})
	}
	return m, errs
}

// parseDate accepts a YAML or TOML date, or a string in ISO 8601 form.
func parseDate(v any) (time.Time, error) {
	switch d := v.(type) {
	case time.Time:
		return d.UTC(), nil
	case string:
		for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04"} {
			if t, err := time.Parse(layout, strings.TrimSpace(d)); err == nil {
				return t.UTC(), nil
			}
		}
		return time.Time{}, fmt.Errorf("must be a date like 2026-11-25, got %q", d)
	case fmt.Stringer: // TOML local dates
		return parseDate(d.String())
	}
	return time.Time{}, fmt.Errorf("must be a date like 2026-11-25, got %s", describe(v))
}

// parseTags accepts a list of strings, or a single comma-separated string.
func parseTags(v any) ([]string, error) {
	var tags []string
	switch t := v.(type) {
	case string:
		for _, s := range strings.Split(t, ",") {
			if s = strings.TrimSpace(s); s != "" {
				tags = append(tags, s)
			}
		}
	case []any:
		for i, item := range t {
			s, ok := item.(string)
			if !ok || strings.TrimSpace(s) == "" {
				return nil, fmt.Errorf("must be a list of words, item %d is %s", i+1, describe(item))
			}
			tags = append(tags, strings.TrimSpace(s))
		}
	default:
		return nil, fmt.Errorf("must be a list of words like [attention, statistics], got %s", describe(v))
	}
	if len(tags) > maxTags {
		return nil, fmt.Errorf("holds %d tags, over the limit of %d", len(tags), maxTags)
	}
	for i, tag := range tags {
		if n := utf8.RuneCountInString(tag); n > maxTagRunes {
			return nil, fmt.Errorf("item %d is %d characters long, over the limit of %d for a tag", i+1, n, maxTagRunes)
		}
	}
	return tags, nil
}

// describe names a decoded value's type and shows it, for error messages.
func describe(v any) string {
	switch x := v.(type) {
	case nil:
		return "nothing"
	case string:
		if utf8.RuneCountInString(x) > 60 {
			return strconv.Quote(string([]rune(x)[:60])+"…") + fmt.Sprintf(" (%d characters)", utf8.RuneCountInString(x))
		}
		return strconv.Quote(x)
	case bool:
		return fmt.Sprintf("the boolean %v", x)
	case int, int64, uint64, float64:
		return fmt.Sprintf("the number %v", x)
	case []any:
		return "a list"
	case map[string]any:
		return "a table of keys"
	}
	return fmt.Sprintf("%T", v)
}

var keyLinePattern = regexp.MustCompile(`^\s*"?([A-Za-z_][\w-]*)"?\s*[:=]`)

// keyLine finds the file line on which a top-level key is written in the raw
// front matter, falling back to the first line of the block.
func keyLine(raw []byte, firstLine int, key string) int {
	for i, line := range bytes.Split(raw, []byte("\n")) {
		if m := keyLinePattern.FindSubmatch(line); m != nil && string(m[1]) == key {
			return firstLine + i
		}
	}
	return firstLine
}
