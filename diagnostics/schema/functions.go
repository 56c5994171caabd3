package schema

import (
	"slices"

	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// A Function is a CREATE FUNCTION. Overloads (same name, other
// arguments) are not told apart: the model keeps the latest.
type Function struct {
	Name           Name
	ReturnsTrigger bool   // RETURNS trigger: a trigger function
	Language       string // plpgsql, sql, …; lower case
	Body           string // the body's text (the AS string); "" for a BEGIN ATOMIC body
	Def            Location
}

// Function returns the function called n, or nil.
func (m *Model) Function(n Name) *Function {
	if m == nil {
		return nil
	}
	if m.reads != nil {
		m.reads.Functions = true
	}
	return m.functions[n.Key()]
}

// Functions returns every function in the order of creation.
func (m *Model) Functions() []*Function {
	if m == nil {
		return nil
	}
	if m.reads != nil {
		m.reads.Functions = true
	}
	return m.functionOrder
}

// qualifiedName makes a Name of the parts of a qualified name: the last
// is the object, the one before it (if any) its schema.
func qualifiedName(parts []string) Name {
	var n Name
	if len(parts) > 0 {
		n.Object = parts[len(parts)-1]
	}
	if len(parts) > 1 {
		n.Schema = parts[len(parts)-2]
	}
	return n
}

func (m *Model) createFunction(def Location, cs *syntax.CreateFunctionStmt) {
	if cs.IsProcedure {
		return
	}
	f := &Function{Name: qualifiedName(syntax.Strings(cs.Funcname)), Def: def}
	f.ReturnsTrigger = syntax.TypeBase(cs.ReturnType) == "trigger"
	for _, o := range cs.Options {
		d := o.GetDefElem()
		switch d.GetDefname() {
		case "as":
			if items := d.Arg.GetList().GetItems(); len(items) > 0 {
				f.Body = items[0].GetString_().GetSval()
			}
		case "language":
			f.Language = d.Arg.GetString_().GetSval()
		}
	}
	if old := m.functions[f.Name.Key()]; old != nil {
		m.functionOrder = slices.DeleteFunc(m.functionOrder, func(x *Function) bool { return x == old })
	}
	m.functions[f.Name.Key()] = f
	m.functionOrder = append(m.functionOrder, f)
}

// dropFunctions applies DROP FUNCTION: each object names a function
// with its argument types, which the model does not tell apart.
func (m *Model) dropFunctions(ds *syntax.DropStmt) {
	for _, obj := range ds.Objects {
		name := qualifiedName(syntax.Strings(obj.GetObjectWithArgs().GetObjname()))
		f := m.functions[name.Key()]
		if f == nil {
			continue
		}
		delete(m.functions, name.Key())
		m.functionOrder = slices.DeleteFunc(m.functionOrder, func(x *Function) bool { return x == f })
	}
}
