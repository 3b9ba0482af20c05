package obsidian

import (
	"fmt"
	"io/fs"
	"strings"

	"github.com/crib-notes/crib/generator/markdown"
)

// testResolver knows a few notes and attachments, as a vault index would.
type testResolver struct {
	calls int
}

var testNotes = map[string]string{
	"docker":        "/notes/docker/docker",
	"docker basics": "/notes/docker/docker-basics",
	"path/note":     "/notes/path/note",
	"snippet":       "/notes/snippet",
	"loop":          "/notes/loop",
}

func (r *testResolver) Link(target, fragment string) (string, error) {
	r.calls++
	dest := ""
	if target != "" {
		d, ok := testNotes[strings.ToLower(target)]
		if !ok {
			return "", fmt.Errorf("no note named %q", target)
		}
		dest = d
	}
	switch {
	case strings.HasPrefix(fragment, "^"):
		dest += "#" + BlockAnchor(fragment[1:])
	case fragment != "":
		if i := strings.LastIndex(fragment, "#"); i >= 0 {
			fragment = fragment[i+1:]
		}
		if strings.EqualFold(fragment, "missing") {
			return "", fmt.Errorf("no heading %q in %q", fragment, target)
		}
		dest += "#" + markdown.Anchor(fragment)
	}
	return dest, nil
}

func (r *testResolver) Attachment(target string) (string, error) {
	r.calls++
	switch target {
	case "image.png", "my diagram.png", "doc.pdf", "a(1).png":
		return target, nil
	case "assets/pic.jpg":
		return "pic.jpg", nil
	case "Topological Sort 2022-06-25 23.21.30.excalidraw":
		return target + ".svg", nil
	case "Board.excalidraw":
		return "board.excalidraw.png", nil
	case "Sketch.excalidraw":
		return "", fmt.Errorf("no export of %q: %w", "Sketch", fs.ErrNotExist)
	}
	return "", fmt.Errorf("no attachment %q", target)
}

func (r *testResolver) Transclude(target, fragment string) ([]byte, error) {
	r.calls++
	switch strings.ToLower(target) {
	case "snippet":
		if fragment != "" {
			return []byte("## " + fragment + "\n\nSection text.\n"), nil
		}
		return []byte("Snippet body.\n\n- item\n"), nil
	case "loop":
		return nil, fmt.Errorf("embed cycle: Loop > Loop")
	}
	return nil, fmt.Errorf("no note named %q", target)
}
