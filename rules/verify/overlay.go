package verify

import (
	"bytes"
	"unicode/utf8"

	"github.com/pacta-law/pacta/internal/yamlfile"
)

// overlayText returns the case file's text with everything outside the
// overlay's value blanked out: the lines before and after it are emptied,
// and on its first line the runes before the value (the "overlay:" key) are
// replaced by spaces. Line breaks are kept, so the dataset loader, reading
// this text under the case file's name, reports every problem at the case
// file's own line and column.
//
// The value runs from (line, col) up to the line before endLine (0: to the
// end of the file). In a block mapping every key starts a line of its own,
// so the next key's line bounds the value.
func overlayText(data []byte, line, col, endLine int) []byte {
	out := make([]byte, 0, len(data))
	n := 1
	for len(data) > 0 {
		text, brk, rest := yamlfile.CutLine(data)
		data = rest
		switch {
		case n < line || (endLine > 0 && n >= endLine):
			// blanked
		case n == line:
			i, c := 0, 1
			for i < len(text) && c < col {
				_, size := utf8.DecodeRune(text[i:])
				i += size
				c++
			}
			out = append(out, bytes.Repeat([]byte{' '}, c-1)...)
			out = append(out, text[i:]...)
		default:
			out = append(out, text...)
		}
		if len(brk) > 0 {
			out = append(out, '\n')
		}
		n++
	}
	return out
}
