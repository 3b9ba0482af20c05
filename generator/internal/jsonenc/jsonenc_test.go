package jsonenc

import "testing"

// The generated JSON is written by hand; it must escape as encoding/json
// does.
func TestAppendString(t *testing.T) {
	for _, s := range []string{"", "plain", `q"uote\back`, "\b\f\n\r\t\x00\x1f\x7f", "<img src=x onerror=alert(1)>&",
		"line\u2028para\u2029", "bad \xff\xfe utf8", "日本語 système 🔹", "\xe2\x80"} {
		want, err := Marshal(s)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendString(nil, s); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", s, got, want)
		}
	}
}

func TestAppendStrings(t *testing.T) {
	for _, ss := range [][]string{nil, {}, {"a"}, {"a", "b\"c", "日本"}} {
		if ss == nil {
			ss = []string{} // the generated files never write null for a list
		}
		want, err := Marshal(ss)
		if err != nil {
			t.Fatal(err)
		}
		if got := AppendStrings(nil, ss); string(got) != string(want) {
			t.Errorf("%q: got %s, want %s", ss, got, want)
		}
	}
}
