package gosource

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

const testRoot = "testdata/tree"

func loadTestTree(t *testing.T) *Tree {
	t.Helper()
	tree, err := Load(testRoot)
	if err != nil {
		t.Fatal(err)
	}
	return tree
}

// fileLines returns lines from..to (1-based, inclusive) of a file, joined by
// newlines, without the last line's newline.
func fileLines(t *testing.T, path string, from, to int) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	return strings.Join(lines[from-1:to], "\n")
}

func TestFindQuotesTheDeclarationWithItsDocComment(t *testing.T) {
	shapes := filepath.Join(testRoot, "shapes", "shapes.go")
	tests := []struct {
		name       string
		file       string
		start, end int
		first      string // the first line of the text
	}{
		{"shapes.Area", shapes, 6, 11, "// Area returns the area of a circle of radius r."},
		{"shapes.Circle", shapes, 13, 16, "// Circle is a circle centred at the origin."},
		{"shapes.Circle.Scale", shapes, 18, 19, "// Scale returns the circle scaled by k."},
		{"shapes.Circle.Grow", shapes, 21, 24, "// Grow scales the circle in place."},
		{"shapes.Point", shapes, 27, 28, "\t// Point is a point in the plane."},
		{"shapes.Unit", shapes, 30, 31, "\t// Unit is a length unit."},
		{"shapes.Stack", shapes, 34, 35, "// Stack is a generic stack."},
		{"shapes.Stack.Push", shapes, 37, 38, "// Push adds v on top."},
		{"shapes.undocumented", shapes, 40, 40, "func undocumented() int { return 1 }"},
		{"shapes.Perimeter", filepath.Join(testRoot, "shapes", "more.go"), 3, 4, "// Perimeter returns the circumference of a circle of radius r."},
		{"util.Clamp", filepath.Join(testRoot, "util", "util.go"), 4, 5, "// Clamp limits x to [lo, hi]."},
	}
	tree := loadTestTree(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := tree.Find(tt.name)
			if err != nil {
				t.Fatal(err)
			}
			if d.Name != tt.name || d.File != tt.file || d.StartLine != tt.start || d.EndLine != tt.end {
				t.Errorf("got %s in %s, lines %d–%d; want %s in %s, lines %d–%d",
					d.Name, d.File, d.StartLine, d.EndLine, tt.name, tt.file, tt.start, tt.end)
			}
			if want := fileLines(t, tt.file, tt.start, tt.end); string(d.Source) != want {
				t.Errorf("text is not the file's lines %d–%d:\n%s\nwant:\n%s", tt.start, tt.end, d.Source, want)
			}
			if first, _, _ := strings.Cut(string(d.Source), "\n"); first != tt.first {
				t.Errorf("first line is %q, want %q", first, tt.first)
			}
		})
	}
}

func TestFindKeepsTheFilesFormatting(t *testing.T) {
	d, err := loadTestTree(t).Find("shapes.Area")
	if err != nil {
		t.Fatal(err)
	}
	want := "// Area returns the area of a circle of radius r.\n//\n// It is the classic formula.\nfunc Area(r float64) float64 {\n\treturn math.Pi * r * r\n}"
	if string(d.Source) != want {
		t.Errorf("got\n%q\nwant\n%q", d.Source, want)
	}
}

func TestFindReturnsACopy(t *testing.T) {
	tree := loadTestTree(t)
	d, err := tree.Find("util.Clamp")
	if err != nil {
		t.Fatal(err)
	}
	want := bytes.Clone(d.Source)
	for i := range d.Source {
		d.Source[i] = 'x'
	}
	again, err := tree.Find("util.Clamp")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Source, want) {
		t.Errorf("changing a returned Decl changed the tree's copy: %q", again.Source)
	}
}

func TestFindExplainsWhatIsWrong(t *testing.T) {
	tests := []struct{ name, want string }{
		{"shapes.Aera", "shapes.Aera is not a function, method or type in package shapes (did you mean shapes.Area?)"},
		{"shapes.Circle.Scal", "shapes.Circle.Scal is not a function, method or type in package shapes (did you mean shapes.Circle.Scale?)"},
		{"shapes.Nothing", "shapes.Nothing is not a function, method or type in package shapes"},
		{"shapes.OnlyInTests", "shapes.OnlyInTests is not a function, method or type in package shapes"},
		{"shape.Area", "there is no package shape under testdata/tree (did you mean shapes?); packages are shapes, util"},
		{"inner.Hidden", "there is no package inner under testdata/tree; packages are shapes, util"},
		{"secret.Hidden", "there is no package secret under testdata/tree; packages are shapes, util"},
		{"Area", `"Area" is not a qualified name: write package.Func, package.Type or package.Type.Method, e.g. numerics.Smooth`},
		{"shapes.Circle.Scale.X", `"shapes.Circle.Scale.X" is not a qualified name: write package.Func, package.Type or package.Type.Method, e.g. numerics.Smooth`},
		{"shapes..Area", `"shapes..Area" is not a qualified name: write package.Func, package.Type or package.Type.Method, e.g. numerics.Smooth`},
	}
	tree := loadTestTree(t)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := tree.Find(tt.name)
			if err == nil || err.Error() != tt.want {
				t.Errorf("got error %v\nwant %s", err, tt.want)
			}
		})
	}
}

func TestPackagesSkipsTestdataHiddenAndUnderscoreDirectories(t *testing.T) {
	if got, want := loadTestTree(t).Packages(), []string{"shapes", "util"}; !reflect.DeepEqual(got, want) {
		t.Errorf("packages %v, want %v", got, want)
	}
}

func TestLoadRefusesAMissingRoot(t *testing.T) {
	if _, err := Load(filepath.Join(testRoot, "nowhere")); err == nil {
		t.Error("Load of a missing directory succeeded")
	}
}

func TestFindWorksOnTheGeneratorItself(t *testing.T) {
	tree, err := Load("..")
	if err != nil {
		t.Fatal(err)
	}
	d, err := tree.Find("gosource.Tree.Find")
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(d.Source, []byte("// Find returns")) || filepath.Base(d.File) != "gosource.go" {
		t.Errorf("found %s in %s:\n%s", d.Name, d.File, d.Source)
	}
}

func TestANameDeclaredInTwoDirectoriesIsAmbiguous(t *testing.T) {
	tree, err := Load("testdata/twomains")
	if err != nil {
		t.Fatal(err)
	}
	_, err = tree.Find("main.main")
	if err == nil || !strings.Contains(err.Error(), "main.main is ambiguous: 2 directories declare package main with main; name the directory: ./main.main or cmd/tool/main.main") {
		t.Fatalf("Find(main.main) = %v; want it ambiguous, listing both", err)
	}
	for name, want := range map[string]string{
		"./main.main":          "main() { root() }",
		"cmd/tool/main.main":   "main() { tool() }",
		"main.root":            "func root() {}",
		"cmd/tool/main.tool":   "func tool() {}",
		"cmd/other/other.Only": "func Only() {}",
	} {
		d, err := tree.Find(name)
		if err != nil || !strings.Contains(string(d.Source), want) {
			t.Errorf("Find(%s) = %q, %v; want the declaration holding %q", name, d.Source, err, want)
		}
	}
	if _, err := tree.Find("cmd/other/main.main"); err == nil || !strings.Contains(err.Error(), "is not declared in cmd/other; it is declared as ./main.main, cmd/tool/main.main") {
		t.Errorf("Find(cmd/other/main.main) = %v", err)
	}
}
