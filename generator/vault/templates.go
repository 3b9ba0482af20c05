package vault

import (
	"encoding/json"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// templateSettings are the vault's own settings that name its template
// folder: Obsidian's Templates plugin ("folder") and Templater's
// ("templates_folder"), relative to the vault.
var templateSettings = []struct{ file, key string }{
	{".obsidian/templates.json", "folder"},
	{".obsidian/plugins/templater-obsidian/data.json", "templates_folder"},
}

// templateFolders returns the folders the vault at root keeps its
// templates in, vault-relative: a note in one is never published, whatever
// the ignore patterns say, since Obsidian itself treats it as a
// template. Settings that are missing, cannot be read, or name no folder
// inside the vault (nor the vault itself) add none.
func templateFolders(root string) []string {
	var folders []string
	for _, s := range templateSettings {
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(s.file)))
		if err != nil {
			continue
		}
		var settings map[string]any
		if json.Unmarshal(data, &settings) != nil {
			continue
		}
		name, ok := settings[s.key].(string)
		name = strings.TrimSpace(strings.ReplaceAll(name, `\`, "/"))
		if !ok || slices.Contains(strings.Split(name, "/"), "..") {
			continue
		}
		if name = strings.Trim(path.Clean("/"+name), "/"); name != "" {
			folders = append(folders, name)
		}
	}
	return folders
}

// inFolder reports whether the vault path rel is folder or lies below
// it, telling cases apart as little as Obsidian on a Mac or Windows does.
func inFolder(rel string, folders []string) bool {
	for _, f := range folders {
		if len(rel) >= len(f) && strings.EqualFold(rel[:len(f)], f) && (len(rel) == len(f) || rel[len(f)] == '/') {
			return true
		}
	}
	return false
}
