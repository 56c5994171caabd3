package rules_test

import (
	"testing"

	"github.com/sqlsage/sqlsage/diagnostics/rules"
)

// TestFkOnDeleteImplicitFixes applies each of the rule's actions by title:
// none is preferred, since each changes what a delete does.
func TestFkOnDeleteImplicitFixes(t *testing.T) {
	const parent = "CREATE TABLE p (id int PRIMARY KEY, code text UNIQUE);\n"
	runFixCases(t, rules.FkOnDeleteImplicit, "", []fixCase{
		{in: parent + "CREATE TABLE c (p_id int REFERENCES p);", fix: "Add ON DELETE CASCADE",
			want: parent + "CREATE TABLE c (p_id int REFERENCES p ON DELETE CASCADE);"},
		{in: parent + "CREATE TABLE c (p_id int REFERENCES p);", fix: "Add ON DELETE RESTRICT",
			want: parent + "CREATE TABLE c (p_id int REFERENCES p ON DELETE RESTRICT);"},
		{in: parent + "CREATE TABLE c (p_id int REFERENCES p);", fix: "Add ON DELETE SET NULL",
			want: parent + "CREATE TABLE c (p_id int REFERENCES p ON DELETE SET NULL);"},
		{in: parent + "CREATE TABLE c (p_id int NOT NULL REFERENCES p (id) ON UPDATE CASCADE);", fix: "Add ON DELETE CASCADE",
			want: parent + "CREATE TABLE c (p_id int NOT NULL REFERENCES p (id) ON DELETE CASCADE ON UPDATE CASCADE);"},
		{in: parent + "CREATE TABLE c (code text, FOREIGN KEY (code) REFERENCES public.p (code) MATCH FULL DEFERRABLE);", fix: "Add ON DELETE RESTRICT",
			want: parent + "CREATE TABLE c (code text, FOREIGN KEY (code) REFERENCES public.p (code) MATCH FULL ON DELETE RESTRICT DEFERRABLE);"},
		{in: parent + "CREATE TABLE c (p_id int);\nALTER TABLE c ADD CONSTRAINT c_fk FOREIGN KEY (p_id) REFERENCES \"p\" /* parent */ (id) NOT VALID;", fix: "Add ON DELETE SET NULL",
			want: parent + "CREATE TABLE c (p_id int);\nALTER TABLE c ADD CONSTRAINT c_fk FOREIGN KEY (p_id) REFERENCES \"p\" /* parent */ (id) ON DELETE SET NULL NOT VALID;"},
		// A table the workspace does not declare: nullability unknown, no SET NULL.
		{in: "ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p;", fix: "Add ON DELETE CASCADE",
			want: "ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p ON DELETE CASCADE;"},
	})
}

// TestFkOnDeleteImplicitSetNull checks that SET NULL is not offered on a
// NOT NULL column, where it would fail at delete time.
func TestFkOnDeleteImplicitSetNull(t *testing.T) {
	diags := analyzeOne(t, rules.FkOnDeleteImplicit, "CREATE TABLE p (id int PRIMARY KEY);\nCREATE TABLE c (p_id int NOT NULL REFERENCES p);")
	if len(diags) != 1 {
		t.Fatalf("%d diagnostics, want 1", len(diags))
	}
	var titles []string
	for _, f := range diags[0].Fixes {
		titles = append(titles, f.Title)
	}
	if len(titles) != 2 || titles[0] != "Add ON DELETE CASCADE" || titles[1] != "Add ON DELETE RESTRICT" {
		t.Errorf("fixes = %q, want CASCADE and RESTRICT only", titles)
	}
}
