package note

import "testing"

func TestMemoForget(t *testing.T) {
	n := &Note{}
	calls := map[string]int{}
	get := func(key string) int {
		return Memo(n, key, func() int { calls[key]++; return len(key) })
	}
	for _, key := range []string{"search.documents", "search.documents", "practice.cards", "searchx.other"} {
		if got := get(key); got != len(key) {
			t.Fatalf("Memo(%q) = %d", key, got)
		}
	}
	if calls["search.documents"] != 1 {
		t.Errorf("computed %d times, want once", calls["search.documents"])
	}
	Forget(n, "search.")
	get("search.documents")
	get("practice.cards")
	get("searchx.other")
	if calls["search.documents"] != 2 {
		t.Errorf("search.documents computed %d times after Forget, want 2", calls["search.documents"])
	}
	if calls["practice.cards"] != 1 || calls["searchx.other"] != 1 {
		t.Errorf("Forget(\"search.\") dropped other keys: %v", calls)
	}
}
