package repopath

import "testing"

func TestClean(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		ok       bool
	}{
		{"handover", "handover", true},
		{"./docs/handover/", "docs/handover", true},
		{"docs//handover", "docs/handover", true},
		{"docs/../handover", "handover", true},
		{"", ".", true},
		{".", ".", true},
		{`api/\[v1]/*.go`, `api/\[v1]/*.go`, true},
		{"..", "..", false},
		{"../x", "../x", false},
		{"docs/../../x", "../x", false},
		{"/etc", "/etc", false},
		{"//server/share", "/server/share", false},
	} {
		got, ok := Clean(tt.in)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Clean(%q) = %q, %v; want %q, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
