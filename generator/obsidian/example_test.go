package obsidian_test

import (
	"errors"
	"fmt"
	"strings"

	"github.com/crib-notes/crib/generator/obsidian"
)

// vault resolves names the way a vault index does.
type vault struct{}

func (vault) Link(target, fragment string) (string, error) {
	if !strings.EqualFold(target, "docker") && target != "" {
		return "", errors.New("no such note")
	}
	dest := "/notes/docker"
	if target == "" {
		dest = ""
	}
	if strings.HasPrefix(fragment, "^") {
		return dest + "#" + obsidian.BlockAnchor(fragment[1:]), nil
	}
	if fragment != "" {
		dest += "#" + strings.ToLower(strings.ReplaceAll(fragment, " ", "-"))
	}
	return dest, nil
}

func (vault) Attachment(target string) (string, error) { return target, nil }

func (vault) Transclude(target, fragment string) ([]byte, error) {
	return nil, errors.New("no such note")
}

func Example() {
	body := "Intro %%draft: expand%% to [[Docker#Image Layers|layers]], see ![[layers.png|300]].\n" +
		"Key point ^key\n\n" +
		"> [!TIP] Remember [[Nope]] #interview\n"

	text, segs, problems := obsidian.StripBodyComments([]byte(body))
	fmt.Println("comments hidden to the end:", len(problems))
	// Code is left alone: only the text runs between code blocks are read
	// and rewritten, with the code spans goldmark found in them.
	for _, s := range segs {
		if s.Code() {
			fmt.Print(string(text[s.Start:s.End]))
			continue
		}
		run := text[s.Start:s.End]
		fmt.Println("tags:", obsidian.InlineTags(run, s.Spans))
		out, problems := obsidian.Rewrite(run, s.Spans, vault{})
		fmt.Print(string(out))
		for _, p := range problems {
			fmt.Printf("line %d:%d: %s\n", s.Line+p.Line-1, p.Col, p.Message)
		}
	}
	// Output:
	// comments hidden to the end: 0
	// tags: [interview]
	// Intro  to [layers](/notes/docker#image-layers), see ![layers.png](layers.png?w=300).
	// Key point
	// {id="^key"}
	//
	// > [!tip] Remember Nope #interview
	// line 4:19: cannot resolve [[Nope]]: no such note
}
