package database

import (
	"net/url"
	"regexp"
	"slices"
	"strings"
)

// mask replaces a password wherever sqlsage shows text about a
// connection; pgx's own messages use the same.
const mask = "xxxxx"

// A Redactor removes the secrets of one connection string from text.
// Every message sqlsage derives from a connection (its own, pgx's, the
// server's) passes through one before anyone sees it: logs, errors,
// hovers and diagnostics never carry a password.
//
// It replaces, in this order: the connection string itself (by its
// redacted form), every password it knows exactly (the DSN's, in plain
// and URL-escaped spelling, and the one pgx resolved from PGPASSWORD or a
// password file), and then anything that looks like a password in a
// connection string (password=…, postgres://user:…@). A known password is
// replaced wherever it appears, even inside other words: a message made
// odd is better than a password shown.
type Redactor struct {
	dsn, safeDSN string
	secrets      []string // longest first, so that no secret is half-replaced by a shorter one
}

// NewRedactor returns a Redactor for the connection string dsn, in URL
// (postgres://…) or keyword/value (host=… password=…) form.
func NewRedactor(dsn string) *Redactor {
	r := &Redactor{dsn: dsn, safeDSN: RedactDSN(dsn)}
	r.add(dsnSecrets(dsn)...)
	return r
}

// add records more secrets, such as the password pgx resolved from the
// environment or a password file.
func (r *Redactor) add(secrets ...string) {
	for _, s := range secrets {
		if s != "" && !slices.Contains(r.secrets, s) {
			r.secrets = append(r.secrets, s)
		}
	}
	slices.SortFunc(r.secrets, func(a, b string) int { return len(b) - len(a) })
}

// String returns s without any secret.
func (r *Redactor) String(s string) string {
	if r != nil {
		if r.dsn != "" {
			s = strings.ReplaceAll(s, r.dsn, r.safeDSN)
		}
		for _, secret := range r.secrets {
			s = strings.ReplaceAll(s, secret, mask)
		}
	}
	return redactPatterns(s)
}

var (
	// keyword/value passwords: password=secret, password = 'it''s', sslpassword=…
	kvPassword = regexp.MustCompile(`(?i)\b((?:ssl)?password)\s*=\s*(?:'(?:[^'\\]|\\.|'')*'|[^\s&]+)`)
	// URL userinfo: postgres://user:secret@host
	urlPassword = regexp.MustCompile(`(?i)\b(postgres(?:ql)?://[^:/@\s]*):[^@\s]*@`)
)

// redactPatterns masks whatever looks like a password in a connection
// string, for the secrets no Redactor knows of.
func redactPatterns(s string) string {
	s = kvPassword.ReplaceAllString(s, "${1}="+mask)
	return urlPassword.ReplaceAllString(s, "${1}:"+mask+"@")
}

// RedactDSN returns dsn with its passwords masked, to show which
// database sqlsage talks to: postgres://app:xxxxx@db:5432/shop.
func RedactDSN(dsn string) string {
	if u, err := url.Parse(dsn); err == nil && (u.Scheme == "postgres" || u.Scheme == "postgresql") {
		if _, ok := u.User.Password(); ok {
			u.User = url.UserPassword(u.User.Username(), mask)
		}
		q := u.Query()
		for _, k := range []string{"password", "sslpassword"} {
			if q.Has(k) {
				q.Set(k, mask)
			}
		}
		u.RawQuery = q.Encode()
		// url.URL.String escapes the mask's characters: none need it.
		return u.String()
	}
	return redactPatterns(dsn)
}

// dsnSecrets returns the passwords written in dsn, as written and
// decoded.
func dsnSecrets(dsn string) []string {
	var out []string
	if rest, ok := cutScheme(dsn); ok {
		// The userinfo password as written (URL-escaped) and decoded; the
		// raw form is found by hand so that it is caught even when the
		// URL does not parse.
		if at := strings.LastIndex(hostPart(rest), "@"); at >= 0 {
			if _, pw, ok := strings.Cut(rest[:at], ":"); ok {
				out = append(out, pw)
				if dec, err := url.PathUnescape(pw); err == nil {
					out = append(out, dec)
				}
			}
		}
		if u, err := url.Parse(dsn); err == nil {
			for _, k := range []string{"password", "sslpassword"} {
				for _, v := range u.Query()[k] {
					out = append(out, v, url.QueryEscape(v))
				}
			}
		}
		return out
	}
	for _, m := range kvPassword.FindAllString(dsn, -1) {
		_, v, _ := strings.Cut(m, "=")
		v = strings.TrimSpace(v)
		out = append(out, v)
		if len(v) >= 2 && v[0] == '\'' && v[len(v)-1] == '\'' {
			inner := v[1 : len(v)-1]
			out = append(out, inner, strings.NewReplacer(`\'`, `'`, `''`, `'`, `\\`, `\`).Replace(inner))
		}
	}
	return out
}

func cutScheme(dsn string) (string, bool) {
	for _, p := range []string{"postgres://", "postgresql://"} {
		if len(dsn) >= len(p) && strings.EqualFold(dsn[:len(p)], p) {
			return dsn[len(p):], true
		}
	}
	return "", false
}

// hostPart returns the authority of a URL without its scheme: up to the
// first '/' or '?' after the last '@' (a password may hold '/' or '?').
func hostPart(rest string) string {
	at := strings.LastIndex(rest, "@")
	end := len(rest)
	if i := strings.IndexAny(rest[max(at, 0):], "/?"); i >= 0 {
		end = max(at, 0) + i
	}
	return rest[:end]
}
