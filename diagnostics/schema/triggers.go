package schema

import (
	"slices"

	"github.com/sqlsage/sqlsage/diagnostics/syntax"
)

// A Trigger is a CREATE TRIGGER on a table.
type Trigger struct {
	Name     string
	Timing   TriggerTiming
	Events   TriggerEvent // the events that fire it, or-ed together
	Row      bool         // FOR EACH ROW; false for FOR EACH STATEMENT
	Function Name         // the function it executes
	Def      Location     // the CREATE TRIGGER statement
}

// A TriggerTiming says when a trigger fires relative to its event.
type TriggerTiming uint8

// Trigger timings.
const (
	After TriggerTiming = iota
	Before
	InsteadOf
)

// A TriggerEvent is an event that fires a trigger; Trigger.Events or-s them.
type TriggerEvent uint8

// Trigger events, with PostgreSQL's bits (TRIGGER_TYPE_INSERT, …).
const (
	OnInsert   TriggerEvent = 1 << 2
	OnDelete   TriggerEvent = 1 << 3
	OnUpdate   TriggerEvent = 1 << 4
	OnTruncate TriggerEvent = 1 << 5
)

// PostgreSQL's timing bits in CreateTrigStmt.Timing.
const (
	triggerTypeBefore  = 1 << 1
	triggerTypeInstead = 1 << 6
)

// Fires reports whether the trigger fires at timing for event e.
func (tr *Trigger) Fires(timing TriggerTiming, e TriggerEvent) bool {
	return tr.Timing == timing && tr.Events&e != 0
}

// trigger returns the table's trigger called name, or nil.
func (t *Table) trigger(name string) *Trigger {
	for _, tr := range t.Triggers {
		if tr.Name == name {
			return tr
		}
	}
	return nil
}

func (m *Model) createTrigger(def Location, cs *syntax.CreateTrigStmt) {
	t := m.Table(RangeVarName(cs.Relation))
	if t == nil {
		return // a trigger on a view, or on a table the workspace does not declare
	}
	tr := &Trigger{Name: cs.Trigname, Events: TriggerEvent(cs.Events), Row: cs.Row, Def: def}
	switch {
	case cs.Timing&triggerTypeBefore != 0:
		tr.Timing = Before
	case cs.Timing&triggerTypeInstead != 0:
		tr.Timing = InsteadOf
	}
	if parts := syntax.Strings(cs.Funcname); len(parts) > 0 {
		tr.Function = Name{Object: parts[len(parts)-1]}
		if len(parts) > 1 {
			tr.Function.Schema = parts[len(parts)-2]
		}
	}
	if old := t.trigger(tr.Name); old != nil {
		if !cs.Replace {
			return // the statement fails: the trigger exists
		}
		t.Triggers = slices.DeleteFunc(t.Triggers, func(x *Trigger) bool { return x == old })
	}
	t.Triggers = append(t.Triggers, tr)
}

// dropTriggers applies DROP TRIGGER name ON table: each object is the
// table's (possibly qualified) name followed by the trigger's.
func (m *Model) dropTriggers(ds *syntax.DropStmt) {
	for _, obj := range ds.Objects {
		parts := syntax.Strings(obj.GetList().GetItems())
		if len(parts) < 2 {
			continue
		}
		name := Name{Object: parts[len(parts)-2]}
		if len(parts) > 2 {
			name.Schema = parts[len(parts)-3]
		}
		if t := m.Table(name); t != nil {
			trig := parts[len(parts)-1]
			t.Triggers = slices.DeleteFunc(t.Triggers, func(x *Trigger) bool { return x.Name == trig })
		}
	}
}
