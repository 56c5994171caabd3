package migration

import (
	"net/url"
	"os"
	"path/filepath"
	"strings"
)

// ReadDisk reads the file that uri names on the local disk: a "file://"
// URI or a path. It is Options.ReadFile for a workspace on disk.
func ReadDisk(uri string) ([]byte, error) {
	return os.ReadFile(diskPath(uri))
}

// diskPath returns the path a URI names; a path is returned as it is.
func diskPath(uri string) string {
	if !strings.HasPrefix(uri, "file://") {
		return uri
	}
	u, err := url.Parse(uri)
	if err != nil {
		return uri
	}
	p := u.Path
	// file:///C:/x is C:/x on Windows.
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:]
	}
	return filepath.FromSlash(p)
}
