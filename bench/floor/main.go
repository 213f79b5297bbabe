// Command floor is the benchmark floor for ecslint: it walks the same
// inputs, reads every .json file and decodes it with encoding/json into an
// any, on GOMAXPROCS workers, and prints how many files it decoded. It does
// not link OPA or any ecslint package, so its time is what reading and
// parsing alone cost on this machine; ecslint's time is quoted against it.
package main

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: floor PATH...")
		os.Exit(2)
	}
	var files []string
	for _, root := range os.Args[1:] {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if !d.IsDir() && strings.HasSuffix(p, ".json") {
				files = append(files, p)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintf(os.Stderr, "floor: %v\n", err)
			os.Exit(1)
		}
	}

	var decoded, failed atomic.Int64
	next := make(chan string)
	var wg sync.WaitGroup
	for w := 0; w < min(runtime.GOMAXPROCS(0), max(len(files), 1)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				data, err := os.ReadFile(p)
				var v any
				if err == nil {
					err = json.Unmarshal(data, &v)
				}
				if err != nil {
					fmt.Fprintf(os.Stderr, "floor: %s: %v\n", p, err)
					failed.Add(1)
					continue
				}
				decoded.Add(1)
			}
		}()
	}
	for _, p := range files {
		next <- p
	}
	close(next)
	wg.Wait()
	fmt.Println(decoded.Load())
	if failed.Load() > 0 {
		os.Exit(1)
	}
}
