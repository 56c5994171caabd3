package diagnostics

// Settings are the project-wide options rules read, set in .sqlsage.toml
// (or the editor's settings). The zero value means the defaults; rules
// call the accessor methods rather than reading fields directly, so that
// defaults live in one place.
type Settings struct {
	// PrimaryKeyStyle is the id column missing-primary-key's fix adds:
	// "identity" (default), "serial" or "uuid".
	PrimaryKeyStyle string
	// MoneyWords are extra name words that mark a money column
	// (money-float), added to the built-in ones.
	MoneyWords []string
	// TimestampWords are extra last name words that mark a point-in-time
	// column (timestamp-as-text), added to at, date, time and on.
	TimestampWords []string
	// BooleanPrefixes are extra first name words that mark a boolean
	// column (boolean-as-text), added to is, has and can.
	BooleanPrefixes []string
}

// PrimaryKeyStyles lists the accepted values of Settings.PrimaryKeyStyle.
var PrimaryKeyStyles = []string{"identity", "serial", "uuid"}

// KeyStyle returns the primary key style, "identity" when unset.
func (s Settings) KeyStyle() string {
	if s.PrimaryKeyStyle == "" {
		return "identity"
	}
	return s.PrimaryKeyStyle
}
