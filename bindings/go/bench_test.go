package agentguard

import (
	"bytes"
	"testing"
)

// Per-call overhead from Go: go test -run '^$' -bench . (with the test environment).

func BenchmarkVersionNumber(b *testing.B) {
	for i := 0; i < b.N; i++ {
		VersionNumber()
	}
}

func BenchmarkScrub1KB(b *testing.B) {
	e, err := NewEngine(nil)
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	s := e.NewScrubber(StyleDefault)
	text := bytes.Repeat([]byte("user asked about the deploy; token ghp_a1B2c3D4e5a1B2c3D4e5a1B2c3D4e5a1B2c3 and mail bob@example.com "), 12)[:1024]
	if _, _, err := s.Scrub(text); err != nil {
		b.Skipf("scrub unavailable: %v", err)
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, _, err := s.Scrub(text); err != nil {
			b.Fatal(err)
		}
	}
}
