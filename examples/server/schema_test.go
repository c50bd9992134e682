package main

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// The embedded answer schema is testdata/schema/answer.schema.json, the
// single source (go generate ./examples/server copies it).
func TestAnswerSchemaCopy(t *testing.T) {
	want, err := os.ReadFile(filepath.Join("..", "..", "testdata", "schema", "answer.schema.json"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(want, answerSchema) {
		t.Error("examples/server/answer.schema.json differs from testdata/schema/answer.schema.json: run go generate ./examples/server")
	}
}
