package filename

import "testing"

func TestPortable(t *testing.T) {
	tests := []struct{ in, want string }{
		{"con", "con_"},
		{"CON", "CON_"},
		{"Aux", "Aux_"},
		{"nul.txt", "nul_.txt"},
		{"prn.tar.gz", "prn_.tar.gz"},
		{"com1", "com1_"},
		{"COM9.md", "COM9_.md"},
		{"lpt0", "lpt0_"},
		{"con .png", "con_.png"},
		{"com10", "com10"},
		{"comx", "comx"},
		{"console", "console"},
		{"icon", "icon"},
		{"con_", "con_"},
		{"", ""},
		{".con", ".con"},
	}
	for _, tt := range tests {
		if got := Portable(tt.in); got != tt.want {
			t.Errorf("Portable(%q) = %q, want %q", tt.in, got, tt.want)
		}
		if got := Portable(Portable(tt.in)); got != Portable(tt.in) {
			t.Errorf("Portable is not idempotent on %q: %q", tt.in, got)
		}
	}
}
