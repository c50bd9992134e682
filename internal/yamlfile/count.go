package yamlfile

// CountValues returns an upper bound on the YAML values (nodes, the document
// node included) that data can hold, counted from its bytes alone, so that a
// file with too many is refused before the YAML library builds its tree.
//
// Every value is a scalar, a collection, or the empty value of a key or
// entry left without one. A scalar starts a word: a non-blank byte after a
// blank, a line break or an indicator (, [ ] { } : ? and quotes). A
// collection, and any empty value, hangs on an indicator: - (before a blank
// or the end), ?, :, [ and { count two each (a collection and an empty
// value), a comma one (an empty value). The count reads no quotes or
// comments, so no text can hide values from it; it counts words of prose and
// indicators in quoted text too, so that it runs two to three times the
// true count on the usual files.
func CountValues(data []byte) int {
	n := 1
	for i, c := range data {
		switch c {
		case ':', '?', '[', '{':
			n += 2
		case ',':
			n++
		case '-':
			if i+1 == len(data) || !isWordByte(data[i+1]) {
				n += 2
			}
		}
		if !isBlank(c) && (i == 0 || startsWord(data[i-1])) {
			n++
		}
	}
	return n
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// startsWord reports whether a value can start after the byte c. The last
// bytes of the line breaks NEL, LS and PS and of the byte order mark count,
// and so does any byte that ends other characters the same way, and a tag's
// or anchor's marks: a bound may count too many, never too few.
func startsWord(c byte) bool {
	switch c {
	case ' ', '\t', '\n', '\r', 0x85, 0xA8, 0xA9, 0xBF, // blanks, breaks, the BOM's end
		',', '[', ']', '{', '}', ':', '?', '"', '\'', '!', '&', '*':
		return true
	}
	return false
}

func isWordByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}
