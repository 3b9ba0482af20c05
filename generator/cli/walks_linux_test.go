package cli

import (
	"errors"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// folderReads counts the times a folder is opened for reading (each walk
// of a folder tree opens every folder of it once), as the kernel reports
// them to inotify.
type folderReads struct{ fd int }

func watchFolderReads(t *testing.T, dir string) *folderReads {
	t.Helper()
	fd, err := unix.InotifyInit1(unix.IN_NONBLOCK | unix.IN_CLOEXEC)
	if err != nil {
		t.Skipf("inotify: %v", err)
	}
	t.Cleanup(func() { unix.Close(fd) })
	if _, err := unix.InotifyAddWatch(fd, dir, unix.IN_OPEN|unix.IN_ONLYDIR); err != nil {
		t.Fatal(err)
	}
	return &folderReads{fd: fd}
}

// count returns how many times the folder itself was opened since the
// last count (files opened inside it are not counted).
func (r *folderReads) count(t *testing.T) int {
	t.Helper()
	n := 0
	buf := make([]byte, 64<<10)
	for {
		got, err := unix.Read(r.fd, buf)
		if errors.Is(err, unix.EAGAIN) {
			return n
		}
		if err != nil {
			t.Fatal(err)
		}
		for off := 0; off+unix.SizeofInotifyEvent <= got; {
			ev := (*unix.InotifyEvent)(unsafe.Pointer(&buf[off]))
			if ev.Mask&unix.IN_ISDIR != 0 && ev.Len == 0 {
				n++
			}
			off += unix.SizeofInotifyEvent + int(ev.Len)
		}
	}
}

// TestCommandsListVaultOnce checks that build and check walk the vault
// once: the stamp's digest, the memory pacing and the pipeline all work
// from the one listing.
func TestCommandsListVaultOnce(t *testing.T) {
	site := t.TempDir()
	vault := fixtureVault(t, nil)
	reads := watchFolderReads(t, vault)
	for _, run := range []struct {
		name string
		args []string
	}{
		{"first build", []string{"build", "--no-hugo"}},
		{"build with nothing changed", []string{"build", "--no-hugo"}},
		{"check", []string{"check"}},
	} {
		if code, _, stderr := runCLI(t, append(run.args, "--site", site, "--vault", vault)...); code > 1 {
			t.Fatalf("%s exited %d:\n%s", run.name, code, stderr)
		}
		if n := reads.count(t); n != 1 {
			t.Errorf("%s read the vault folder %d times, want 1", run.name, n)
		}
	}
}
