// Package gosource finds Go declarations by qualified name, such as
// numerics.Smooth or numerics.Attention.Apply, in a tree of Go source, and
// returns their exact text with the doc comment. It works with go/parser and
// go/ast alone: it never compiles or type-checks the code.
package gosource

import (
	"bytes"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/kernelpress/kernelpress/generator/suggest"
)

// Decl is one declaration found in the source tree.
type Decl struct {
	Name               string // as asked, e.g. "numerics.Attention.Apply"
	File               string // path of the file: the root given to Load joined with the file's path under it
	StartLine, EndLine int    // 1-based, doc comment included
	Source             []byte // the exact text of the doc comment and declaration
}

// Tree indexes the packages under a root directory; build it once per site
// build and reuse it. Load reads only package clauses; each package's files
// are parsed in full the first time a name in it is asked for, and kept.
// A Tree is safe for concurrent use.
type Tree struct {
	root  string
	files map[string][]string // package name → its files, in walk order

	mu     sync.Mutex
	parsed map[string]*pkg // package name → its parsed declarations
}

// pkg holds the declarations of one parsed package name, which may be
// declared in several directories (package main, say).
type pkg struct {
	decls map[string][]Decl // by name within the package ("Func", "Type", "Type.Method"), one per directory, in walk order
	names []string          // the keys of decls, sorted
}

// Load walks the directory tree under root and records the package name of
// every Go file in it. Like the go command it skips testdata directories,
// directories and files whose names start with "." or "_", and _test.go
// files.
func Load(root string) (*Tree, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, fmt.Errorf("gosource: reading the source tree: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("gosource: source tree %s is not a directory", root)
	}
	t := &Tree{root: root, files: map[string][]string{}, parsed: map[string]*pkg{}}
	fset := token.NewFileSet()
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != root && (name == "testdata" || ignored(name)) {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.Type().IsRegular() || ignored(name) || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			return nil
		}
		f, err := parser.ParseFile(fset, p, nil, parser.PackageClauseOnly)
		if err != nil {
			return fmt.Errorf("reading the package clause: %w", err)
		}
		t.files[f.Name.Name] = append(t.files[f.Name.Name], p)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("gosource: indexing %s: %w", root, err)
	}
	return t, nil
}

// ignored reports whether the go command ignores a file or directory name.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_")
}

// Packages returns the names of the packages under the root, sorted.
func (t *Tree) Packages() []string {
	out := make([]string, 0, len(t.files))
	for name := range t.files {
		out = append(out, name)
	}
	sort.Strings(out)
	return out
}

// Find returns the declaration with the given qualified name: pkg.Func,
// pkg.Type (the type's declaration) or pkg.Type.Method, where pkg is the
// name in a package clause under the root. Several directories whose files
// declare the same package name are searched together; when more than one
// of them declares the name, it is ambiguous, and the name must say which
// directory it means, relative to the root: cmd/tool/main.main, or
// ./main.main for the root itself.
func (t *Tree) Find(name string) (Decl, error) {
	dir, qualified := "", name
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		dir, qualified = filepath.Clean(filepath.FromSlash(name[:i])), name[i+1:]
	}
	parts := strings.Split(qualified, ".")
	if len(parts) < 2 || len(parts) > 3 || slicesContainEmpty(parts) {
		return Decl{}, fmt.Errorf("%q is not a qualified name: write package.Func, package.Type or package.Type.Method, e.g. numerics.Smooth", name)
	}
	pkgName := parts[0]
	if _, ok := t.files[pkgName]; !ok {
		msg := fmt.Sprintf("there is no package %s under %s", pkgName, t.root)
		if s := suggest.Closest(pkgName, t.Packages()); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", s)
		}
		return Decl{}, errors.New(msg + "; packages are " + strings.Join(t.Packages(), ", "))
	}
	p, err := t.load(pkgName)
	if err != nil {
		return Decl{}, err
	}
	member := strings.Join(parts[1:], ".")
	found := p.decls[member]
	if dir != "" {
		var inDir []Decl
		for _, d := range found {
			if t.dirOf(d) == dir {
				inDir = append(inDir, d)
			}
		}
		if len(inDir) == 0 && len(found) > 0 {
			return Decl{}, fmt.Errorf("%s is not declared in %s; it is declared as %s", name, filepath.ToSlash(dir), strings.Join(t.candidates(pkgName, member, found), ", "))
		}
		found = inDir
	}
	switch {
	case len(found) == 0:
		msg := fmt.Sprintf("%s is not a function, method or type in package %s", name, pkgName)
		candidates := make([]string, len(p.names))
		for i, n := range p.names {
			candidates[i] = pkgName + "." + n
		}
		if s := suggest.Closest(qualified, candidates); s != "" {
			msg += fmt.Sprintf(" (did you mean %s?)", s)
		}
		return Decl{}, errors.New(msg)
	case len(found) > 1:
		return Decl{}, fmt.Errorf("%s is ambiguous: %d directories declare package %s with %s; name the directory: %s",
			name, len(found), pkgName, member, strings.Join(t.candidates(pkgName, member, found), " or "))
	}
	d := found[0]
	d.Name = name
	d.Source = bytes.Clone(d.Source) // the cached copy stays intact whatever the caller does
	return d, nil
}

// dirOf returns the directory of a declaration's file relative to the root.
func (t *Tree) dirOf(d Decl) string {
	rel, err := filepath.Rel(t.root, filepath.Dir(d.File))
	if err != nil {
		return filepath.Dir(d.File)
	}
	return rel
}

// candidates names each declaration as Find accepts it with its directory, sorted.
func (t *Tree) candidates(pkgName, member string, decls []Decl) []string {
	out := make([]string, len(decls))
	for i, d := range decls {
		out[i] = filepath.ToSlash(t.dirOf(d)) + "/" + pkgName + "." + member
	}
	sort.Strings(out)
	return out
}

func slicesContainEmpty(parts []string) bool {
	for _, p := range parts {
		if p == "" {
			return true
		}
	}
	return false
}

// load parses the files of the named package, once.
func (t *Tree) load(name string) (*pkg, error) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if p, ok := t.parsed[name]; ok {
		return p, nil
	}
	p := &pkg{decls: map[string][]Decl{}}
	fset := token.NewFileSet()
	for _, path := range t.files[name] {
		src, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("gosource: reading package %s: %w", name, err)
		}
		f, err := parser.ParseFile(fset, path, src, parser.ParseComments|parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("gosource: parsing package %s: %w", name, err)
		}
		// A file excluded by a build constraint may declare another package
		// in the same directory; Load recorded it under that name instead.
		if f.Name.Name != name {
			continue
		}
		for _, decl := range f.Decls {
			for key, span := range spans(decl) {
				d := declText(fset, path, src, span)
				if sameDir(p.decls[key], d) {
					// The same name in files for different build tags:
					// quote the first, as there is no way to choose.
					continue
				}
				p.decls[key] = append(p.decls[key], d)
			}
		}
	}
	for key := range p.decls {
		p.names = append(p.names, key)
	}
	sort.Strings(p.names)
	t.parsed[name] = p
	return p, nil
}

// span is the extent of a declaration in its file, doc comment included.
type span struct{ start, end token.Pos }

// spans names the declarations in decl that Find can return, with their
// extents: a function, a method as Type.Method, or each type of a type
// declaration. A type declared alone spans the whole "type T …" declaration;
// one in a parenthesized group spans its own line(s) with its doc comment.
func spans(decl ast.Decl) map[string]span {
	out := map[string]span{}
	switch d := decl.(type) {
	case *ast.FuncDecl:
		key := d.Name.Name
		if d.Recv != nil && len(d.Recv.List) == 1 {
			recv := receiverName(d.Recv.List[0].Type)
			if recv == "" {
				return out
			}
			key = recv + "." + key
		}
		out[key] = withDoc(d.Doc, d.Pos(), d.End())
	case *ast.GenDecl:
		if d.Tok != token.TYPE {
			return out
		}
		for _, s := range d.Specs {
			ts := s.(*ast.TypeSpec)
			var sp span
			if d.Lparen.IsValid() {
				sp = withDoc(ts.Doc, ts.Pos(), ts.End())
				if ts.Comment != nil {
					sp.end = ts.Comment.End()
				}
			} else {
				sp = withDoc(d.Doc, d.Pos(), d.End())
				if ts.Comment != nil && ts.Comment.End() > sp.end {
					sp.end = ts.Comment.End()
				}
			}
			out[ts.Name.Name] = sp
		}
	}
	return out
}

// withDoc extends a node's extent back to the start of its doc comment.
func withDoc(doc *ast.CommentGroup, start, end token.Pos) span {
	if doc != nil {
		start = doc.Pos()
	}
	return span{start, end}
}

// receiverName returns the name of a method's receiver type, without the
// pointer or type parameters: "Attention" for both (a Attention) and
// (l *List[T]).
func receiverName(expr ast.Expr) string {
	for {
		switch e := expr.(type) {
		case *ast.StarExpr:
			expr = e.X
		case *ast.ParenExpr:
			expr = e.X
		case *ast.IndexExpr:
			expr = e.X
		case *ast.IndexListExpr:
			expr = e.X
		case *ast.Ident:
			return e.Name
		default:
			return ""
		}
	}
}

// declText cuts a declaration's text out of its file.
func declText(fset *token.FileSet, path string, src []byte, sp span) Decl {
	start, end := fset.Position(sp.start), fset.Position(sp.end)
	// Begin at the start of the line when only indentation precedes the
	// declaration, so that the first line of a grouped type keeps its indent.
	from := start.Offset
	if lineStart := bytes.LastIndexByte(src[:from], '\n') + 1; len(bytes.TrimLeft(src[lineStart:from], " \t")) == 0 {
		from = lineStart
	}
	return Decl{
		File:      path,
		StartLine: start.Line,
		EndLine:   end.Line,
		Source:    src[from:end.Offset],
	}
}

// sameDir reports whether one of decls lies in the directory of d.
func sameDir(decls []Decl, d Decl) bool {
	for _, o := range decls {
		if filepath.Dir(o.File) == filepath.Dir(d.File) {
			return true
		}
	}
	return false
}
