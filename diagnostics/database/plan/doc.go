// Package plan reads PostgreSQL query plans (the output of EXPLAIN
// (FORMAT JSON), analysed or not), renders them as a readable tree and
// finds what is wrong in them: a sequential scan that filters a big
// table (SeqScans, rule plan-seq-scan), a row estimate far from what the
// statement really returned (Misestimates, rule plan-row-misestimate).
//
// It knows nothing of connections: a Plan is a plain value parsed from
// bytes, so it is tested on real plans kept in testdata/ and can be fed
// plans from anywhere (a CLI, a log of auto_explain, a pasted plan).
package plan
