package verify

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/pacta-law/pacta/cistreaty"
	"github.com/pacta-law/pacta/internal/yamlfile"
)

// Report writes the outcome of running case files, for a person at a
// terminal: one line per failed case (where it is written, its name, what
// it wanted and what it got), one line naming the rules no case exercised
// (see Coverage), if any, and last the line "N passed, M failed".
func Report(w io.Writer, files []*File, results []Result) error {
	var b strings.Builder
	passed, failed := 0, 0
	for _, r := range results {
		if r.Passed {
			passed++
			continue
		}
		failed++
		where := r.File
		if s := r.Pos.String(); s != "" {
			where = s
		}
		fmt.Fprintf(&b, "FAIL %s: %s: want %s, got %s\n", where, oneLine(r.Name), oneLine(r.Want), oneLine(r.Got))
	}
	un := Coverage(files, results)
	total := usedRules(files)
	fmt.Fprintf(&b, "rule coverage: %d of %d rules exercised\n", total-len(un), total)
	if len(un) > 0 {
		fmt.Fprintf(&b, "rules no case exercised: %s\n", strings.Join(un, ", "))
	}
	fmt.Fprintf(&b, "%d passed, %d failed\n", passed, failed)
	_, err := io.WriteString(w, b.String())
	return err
}

// oneLine keeps a report line one line long.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Main runs the case files at paths (a directory stands for its *.yaml
// files) and reports them to stdout (see Report); it is the CLI's `test`
// question. It returns the exit status: 0 when every case passed, 1 when
// some failed, 2 for bad input — no path, an unreadable file, or a case file
// with problems, each problem a line on stderr and nothing on stdout.
//
// Main runs under context.Background(): use MainContext to bound it by a
// deadline or cancel it.
func Main(stdout, stderr io.Writer, paths []string) int {
	return MainContext(context.Background(), stdout, stderr, paths)
}

// MainContext is Main under ctx: it loads each file as LoadContext does and
// runs its cases as File.Run does, checking ctx before each file and each
// case. When ctx ends it writes one line on stderr, naming where it stopped
// and ctx's error, and nothing on stdout, and returns 3 (the CLI's status
// for a run that did not finish). A nil ctx means context.Background().
func MainContext(ctx context.Context, stdout, stderr io.Writer, paths []string) int {
	if ctx == nil {
		ctx = context.Background()
	}
	if len(paths) == 0 {
		fmt.Fprintln(stderr, "test: no case file given (usage: test FILE...)")
		return 2
	}
	var files []*File
	var probs Problems
	for _, path := range expand(paths, &probs) {
		if err := ctx.Err(); err != nil {
			fmt.Fprintln(stderr, stopped(path, err))
			return 3
		}
		data, err := readPath(path)
		if err != nil {
			probs = append(probs, problemAt(path, err))
			continue
		}
		f, err := loadInto(ctx, &probs, path, data)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 3
		}
		if f == nil {
			continue
		}
		files = append(files, f)
	}
	if len(probs) > 0 {
		fmt.Fprintln(stderr, compact(probs).Error())
		return 2
	}
	var results []Result
	for _, f := range files {
		rs, err := f.Run(ctx)
		results = append(results, rs...)
		if err != nil {
			fmt.Fprintln(stderr, err)
			return 3
		}
	}
	if err := Report(stdout, files, results); err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	for _, r := range results {
		if !r.Passed {
			return 1
		}
	}
	return 0
}

// expand replaces each directory among paths with its *.yaml files, sorted.
func expand(paths []string, probs *Problems) []string {
	var out []string
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil || !st.IsDir() {
			out = append(out, p)
			continue
		}
		m, err := fs.Glob(os.DirFS(p), "*.yaml")
		if err == nil && len(m) == 0 {
			err = errors.New("directory holds no *.yaml case file")
		}
		if err != nil {
			*probs = append(*probs, problemAt(p, err))
			continue
		}
		slices.Sort(m)
		for _, name := range m {
			out = append(out, filepath.Join(p, name))
		}
	}
	return out
}

func readPath(path string) ([]byte, error) { return yamlfile.ReadFile(path) }

func problemAt(path string, err error) cistreaty.Problem {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return cistreaty.Problem{Pos: cistreaty.Pos{File: path}, Message: err.Error()}
}
