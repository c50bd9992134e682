package ask

import (
	"encoding/json"
	"fmt"
)

// JSON writes one value as the CLI's -json output does: compact, and a
// newline. A verdict writes itself in one pass (json.Marshal would scan its
// output again).
func JSON(v any) ([]byte, error) {
	var b []byte
	var err error
	if m, ok := v.(json.Marshaler); ok {
		b, err = m.MarshalJSON()
	} else {
		b, err = json.Marshal(v)
	}
	if err != nil {
		return nil, fmt.Errorf("encoding the answer: %w", err)
	}
	return append(b, '\n'), nil
}
