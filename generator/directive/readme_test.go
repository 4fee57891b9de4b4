package directive_test

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeDocumentsEveryDirectiveAndOption keeps the README's reference
// tables in step with the registry: each directive has a row, and each
// option a row that shows its default.
func TestReadmeDocumentsEveryDirectiveAndOption(t *testing.T) {
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(line, "| `") {
			name := strings.Trim(strings.SplitN(line[2:], "|", 2)[0], " `")
			if _, seen := rows[name]; !seen {
				rows[name] = line
			}
		}
	}
	for _, d := range seed.All() {
		if _, ok := rows["{"+d.Name+"}"]; !ok {
			t.Errorf("README has no row for directive {%s}", d.Name)
		}
		for _, o := range d.Options() {
			row, ok := rows[o.Name]
			if !ok {
				t.Errorf("README has no row for option %q of {%s}", o.Name, d.Name)
				continue
			}
			if o.Default != "" && !strings.Contains(row, "`"+o.Default+"`") {
				t.Errorf("README's row for option %q does not show its default `%s`: %s", o.Name, o.Default, row)
			}
		}
	}
}
