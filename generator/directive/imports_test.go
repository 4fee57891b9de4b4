package directive

import (
	"go/build"
	"path/filepath"
	"strings"
	"testing"
)

// module is this repository's module path; its packages are in ../../.
const module = "github.com/kernelpress/kernelpress/"

// moduleDeps returns the packages of the module that root imports, directly
// or not, read from their source (test files left out), each with the
// chain of imports that reaches it.
func moduleDeps(t *testing.T, root string) map[string]string {
	t.Helper()
	chains := map[string]string{root: root}
	queue := []string{root}
	for len(queue) > 0 {
		path := queue[0]
		queue = queue[1:]
		dir := filepath.Join("..", "..", filepath.FromSlash(strings.TrimPrefix(path, module)))
		pkg, err := build.ImportDir(dir, 0)
		if err != nil {
			t.Fatalf("reading %s: %v", path, err)
		}
		for _, imp := range pkg.Imports {
			if _, seen := chains[imp]; !seen && strings.HasPrefix(imp, module) {
				chains[imp] = chains[path] + " → " + imp
				queue = append(queue, imp)
			}
		}
	}
	return chains
}

// TestTheEngineImportsNoModel checks that no package the engine imports is
// a model: a model registers into the engine through a build's
// configuration, as a goldmark extension does, and the engine knows none.
func TestTheEngineImportsNoModel(t *testing.T) {
	const models = module + "generator/models/"
	if _, ok := moduleDeps(t, module+"generator")[models+"attention"]; !ok {
		t.Fatal("the command does not import generator/models/attention; the walk cannot tell a model from another package")
	}
	engine := moduleDeps(t, module+"generator/directive")
	if len(engine) < 5 {
		t.Fatalf("the engine's walk reached only %d packages of the module: %v", len(engine), engine)
	}
	for path, chain := range engine {
		if strings.HasPrefix(path, models) {
			t.Errorf("the engine imports the model %s: %s", path, chain)
		}
	}
}
