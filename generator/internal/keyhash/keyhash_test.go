package keyhash

import "testing"

func TestFieldsDoNotRunTogether(t *testing.T) {
	sum := func(add func(k *Hash)) string {
		k := New()
		add(k)
		return k.Sum()
	}
	for _, tc := range []struct {
		name string
		a, b func(k *Hash)
	}{
		{"split point", func(k *Hash) { k.String("ab"); k.String("c") }, func(k *Hash) { k.String("a"); k.String("bc") }},
		{"list end", func(k *Hash) { k.Strings([]string{"a", "b"}); k.String("c") }, func(k *Hash) { k.Strings([]string{"a"}); k.String("b"); k.String("c") }},
		{"flag", func(k *Hash) { k.Bool(true) }, func(k *Hash) { k.Bool(false) }},
		{"empty string", func(k *Hash) { k.String("") }, func(k *Hash) {}},
	} {
		if sum(tc.a) == sum(tc.b) {
			t.Errorf("%s: same key", tc.name)
		}
	}
	a := func(k *Hash) { k.String("x"); k.Int(3) }
	b := func(k *Hash) { k.String("x"); k.Int(3) }
	if sum(a) != sum(b) {
		t.Error("the same fields give another key")
	}
}
