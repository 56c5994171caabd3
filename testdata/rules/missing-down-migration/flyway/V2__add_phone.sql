ALTER TABLE users ADD COLUMN phone text; -- want: missing-down-migration "migration 2 \(add_phone\) has no undo script \(U2__add_phone.sql\), though other migrations of this history have one"
