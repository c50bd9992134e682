// Package textfile holds what pacta's loaders share for reading untrusted
// text files: a size-limited read and a bounded quotation of input in
// messages. It is internal: no promise is made about it.
package textfile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"unicode/utf8"
)

// Read reads at most max bytes of a file, checking the size before reading
// where the file system knows it. what names the kind of file expected, for
// the message when name is a directory ("a dataset file").
func Read(fsys fs.FS, name string, max int64, what string) ([]byte, error) {
	f, err := fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, errors.New("is a directory, not " + what)
	}
	tooLarge := fmt.Errorf("file is larger than %d MiB", max>>20)
	if st.Size() > max {
		return nil, tooLarge
	}
	data, err := io.ReadAll(io.LimitReader(f, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > max {
		return nil, tooLarge
	}
	return data, nil
}

// Clip shortens s to at most max bytes, on a rune boundary, marking the cut
// with "…", so that a hostile file cannot make one message as large as
// itself.
func Clip(s string, max int) string {
	if len(s) <= max {
		return s
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
