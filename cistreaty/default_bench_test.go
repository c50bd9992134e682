package cistreaty

import "testing"

// BenchmarkDefault: the embedded dataset, as every program and engine
// first gets it.
//
//	go test ./cistreaty -run '^$' -bench Default -benchtime 50x
func BenchmarkDefault(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Default(); err != nil {
			b.Fatal(err)
		}
	}
}
