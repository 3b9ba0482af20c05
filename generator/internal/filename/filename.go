// Package filename keeps the names of the folders and files Crib and Hugo
// write usable on every system a site may be built on. Windows will not
// create a file or folder named after a device (CON, PRN, AUX, NUL, COM1
// to COM9, LPT1 to LPT9, in any case, with or without an extension), so a
// vault made on Linux or macOS could not be built there.
package filename

import "strings"

// Reserved reports whether Windows reserves name for a device: its part
// before the first '.', without trailing spaces, is a device name.
func Reserved(name string) bool {
	base, _, _ := strings.Cut(name, ".")
	base = strings.TrimRight(base, " ")
	if len(base) < 3 || len(base) > 4 {
		return false
	}
	switch strings.ToLower(base) {
	case "con", "prn", "aux", "nul":
		return true
	}
	if len(base) != 4 {
		return false
	}
	switch strings.ToLower(base[:3]) {
	case "com", "lpt":
		// COM0 and LPT0 too: some versions of Windows reserve them.
		return base[3] >= '0' && base[3] <= '9'
	}
	return false
}

// Portable returns name, with a '_' after its device name when Windows
// reserves it: "con" is "con_", "aux.png" is "aux_.png".
func Portable(name string) string {
	if !Reserved(name) {
		return name
	}
	base, ext, dot := strings.Cut(name, ".")
	base = strings.TrimRight(base, " ") + "_"
	if !dot {
		return base
	}
	return base + "." + ext
}
