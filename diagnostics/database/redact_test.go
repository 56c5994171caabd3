package database

import (
	"errors"
	"strings"
	"testing"
)

func TestRedactor(t *testing.T) {
	for _, tc := range []struct {
		dsn, in, want string
	}{
		{"postgres://app:s3cret@db:5432/shop", "cannot connect to postgres://app:s3cret@db:5432/shop: refused",
			"cannot connect to postgres://app:xxxxx@db:5432/shop: refused"},
		// Escaped in the URL, decoded in a message.
		{"postgres://app:p%40ss%2Fw0rd@db/shop", "auth failed for p@ss/w0rd and p%40ss%2Fw0rd", "auth failed for xxxxx and xxxxx"},
		// An unescaped @ in the password.
		{"postgres://app:p@ss@db/shop", "said p@ss", "said xxxxx"},
		// Query parameters.
		{"postgres://app@db/shop?password=qwerty&sslmode=disable", "qwerty!", "xxxxx!"},
		// Keyword/value form, quoted and not.
		{"host=db user=app password='it''s a secret' dbname=shop", "pw it's a secret", "pw xxxxx"},
		{"host=db password=plain dbname=shop", "x plain y", "x xxxxx y"},
		// Passwords no Redactor knows: patterns.
		{"", "url postgres://u:zzz@h/db and kv password=yyy sslpassword='a b'", "url postgres://u:xxxxx@h/db and kv password=xxxxx sslpassword=xxxxx"},
		// A URL that does not parse.
		{"postgres://app:s3cret@db:port/shop", "bad postgres://app:s3cret@db:port/shop", "bad postgres://app:xxxxx@db:port/shop"},
	} {
		r := NewRedactor(tc.dsn)
		if got := r.String(tc.in); got != tc.want {
			t.Errorf("NewRedactor(%q).String(%q) = %q; want %q", tc.dsn, tc.in, got, tc.want)
		}
	}
}

func TestRedactDSN(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://app:s3cret@db:5432/shop?sslmode=disable": "postgres://app:xxxxx@db:5432/shop?sslmode=disable",
		"postgresql://app@db/shop":                           "postgresql://app@db/shop",
		"postgres://app@db/shop?password=s3cret":             "postgres://app@db/shop?password=xxxxx",
		"host=db password=s3cret dbname=shop":                "host=db password=xxxxx dbname=shop",
	} {
		if got := RedactDSN(in); got != want {
			t.Errorf("RedactDSN(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestDSN(t *testing.T) {
	env := map[string]string{"DATABASE_URL": "postgres://default", "SHOP_DB": "postgres://shop"}
	getenv := func(k string) string { return env[k] }
	for _, tc := range []struct{ flag, envName, want string }{
		{"postgres://flag", "SHOP_DB", "postgres://flag"},
		{"", "SHOP_DB", "postgres://shop"},
		{"", "", "postgres://default"},
	} {
		if got, err := DSN(tc.flag, tc.envName, getenv); err != nil || got != tc.want {
			t.Errorf("DSN(%q, %q) = %q, %v; want %q", tc.flag, tc.envName, got, err, tc.want)
		}
	}
	_, err := DSN("", "MISSING_DB", getenv)
	if !errors.Is(err, ErrNoDSN) || !strings.Contains(err.Error(), "set MISSING_DB") || !strings.Contains(err.Error(), "--dsn") {
		t.Errorf("DSN without one = %v; want ErrNoDSN naming MISSING_DB and --dsn", err)
	}
}
