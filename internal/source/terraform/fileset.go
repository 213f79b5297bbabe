package terraform

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sync"
)

// maxFileSize bounds any one file a configuration reads.
const maxFileSize = 16 << 20

// fileSet reads the files of one root: configuration files, and the files
// its functions read (file, templatefile), each once. It records the
// latter so the run does not lint them a second time as files of their
// own.
type fileSet struct {
	root     string
	mu       sync.Mutex
	cache    map[string][]byte
	consumed map[string]bool
	manifest map[string]string // modules.json key → directory, nil until read
}

func newFileSet(root string) *fileSet {
	return &fileSet{root: root, cache: map[string][]byte{}, consumed: map[string]bool{}}
}

func (fs *fileSet) load(name string) ([]byte, error) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if b, ok := fs.cache[name]; ok {
		return b, nil
	}
	info, err := os.Stat(name)
	if err != nil {
		return nil, err
	}
	if info.IsDir() {
		return nil, fmt.Errorf("%s is a directory", name)
	}
	if info.Size() > maxFileSize {
		return nil, fmt.Errorf("%s is larger than %d MiB", name, maxFileSize>>20)
	}
	b, err := os.ReadFile(name)
	if err != nil {
		return nil, err
	}
	fs.cache[name] = b
	return b, nil
}

// Read implements funcs.Files: a relative path is relative to the root
// module's directory, Terraform's working directory.
func (fs *fileSet) Read(name string) ([]byte, error) {
	p := fs.resolve(name)
	b, err := fs.load(p)
	if err == nil {
		fs.mu.Lock()
		fs.consumed[p] = true
		fs.mu.Unlock()
	}
	return b, err
}

func (fs *fileSet) resolve(name string) string {
	if filepath.IsAbs(name) {
		return filepath.Clean(name)
	}
	return filepath.Join(fs.root, filepath.FromSlash(name))
}

// installed returns the directory terraform init put a module call in,
// from .terraform/modules/modules.json.
func (fs *fileSet) installed(root, key string) (string, bool) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.manifest == nil {
		fs.manifest = map[string]string{}
		b, err := os.ReadFile(filepath.Join(root, ".terraform", "modules", "modules.json"))
		if err == nil {
			var m struct {
				Modules []struct{ Key, Source, Dir string }
			}
			if json.Unmarshal(b, &m) == nil {
				for _, e := range m.Modules {
					fs.manifest[e.Key] = e.Dir
				}
			}
		}
	}
	dir, ok := fs.manifest[key]
	if !ok || dir == "" {
		return "", false
	}
	return filepath.Join(root, filepath.FromSlash(dir)), true
}

// relPath shortens a path for messages.
func relPath(p string) string { return filepath.Clean(p) }

// bytes is how much the set read.
func (fs *fileSet) bytes() int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	n := 0
	for _, b := range fs.cache {
		n += len(b)
	}
	return n
}
