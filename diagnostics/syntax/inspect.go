package syntax

import "google.golang.org/protobuf/reflect/protoreflect"

// Inspect traverses the parse tree rooted at n depth first, calling f for
// n and for every Node below it, through every field and list (CTEs,
// subqueries, rule actions, SQL-standard function bodies…). A parent is
// visited before its children; siblings in field-number order, which is
// not source order (an UPDATE's WITH clause comes after its WHERE). When f
// returns false, Inspect skips the children of that node.
func Inspect(n *Node, f func(*Node) bool) {
	if n == nil {
		return
	}
	Walk(n, func(m any) bool {
		if n, ok := m.(*Node); ok {
			return f(n)
		}
		return true
	})
}

// Walk traverses the parse tree rooted at n depth first, like Inspect,
// but calls f for every message of the tree, typed: the Nodes and the
// messages they wrap (*ColumnRef, *SelectStmt…), and the messages held
// directly in fields, which Inspect does not show (an UPDATE's Relation
// *RangeVar, a column's *TypeName). Parents come before children. When
// f returns false, Walk skips the children of that message.
func Walk(n *Node, f func(any) bool) {
	if n == nil {
		return
	}
	walk(n.ProtoReflect(), f)
}

func walk(m protoreflect.Message, f func(any) bool) {
	if !f(m.Interface()) {
		return
	}
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		if fd.Kind() != protoreflect.MessageKind || fd.IsMap() {
			return true
		}
		if fd.IsList() {
			l := v.List()
			for i := range l.Len() {
				walk(l.Get(i).Message(), f)
			}
			return true
		}
		walk(v.Message(), f)
		return true
	})
}
