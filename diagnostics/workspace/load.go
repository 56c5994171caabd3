package workspace

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/sqlsage/sqlsage/diagnostics/source"
)

// MaxFileSize is the largest file Load reads; larger .sql files are
// reported by Walk's caller rather than read into memory whole.
const MaxFileSize = 64 << 20

// skipDir reports directories never searched for SQL: VCS metadata,
// dependency trees and hidden directories.
func skipDir(name string) bool {
	return name == "node_modules" || name == "vendor" || (strings.HasPrefix(name, ".") && name != "." && name != "..")
}

// IsSQL reports whether path names a SQL file.
func IsSQL(path string) bool { return strings.EqualFold(filepath.Ext(path), ".sql") }

// FindSQL returns the .sql files under root (or root itself when it is a
// file), sorted, skipping hidden directories, node_modules and vendor.
func FindSQL(ctx context.Context, root string) ([]string, error) {
	info, err := os.Stat(root)
	if err != nil {
		return nil, err
	}
	if !info.IsDir() {
		return []string{root}, nil
	}
	var paths []string
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if d.IsDir() {
			if path != root && skipDir(d.Name()) {
				return filepath.SkipDir
			}
			return nil
		}
		if IsSQL(path) && d.Type().IsRegular() {
			paths = append(paths, path)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("searching %s: %w", root, err)
	}
	return paths, nil
}

// ReadFile reads the file at path into a source.File named uri.
func ReadFile(path, uri string) (*source.File, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if info.Size() > MaxFileSize {
		return nil, fmt.Errorf("%s: file is %d MB, more than the %d MB sqlsage reads", path, info.Size()>>20, MaxFileSize>>20)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return source.NewFile(uri, 0, string(b)), nil
}
