ALTER TABLE users ALTER COLUMN id TYPE bigint; -- want: column-type-change "changing column \"id\" of table users from int4 to int8 rewrites the table and its indexes under an ACCESS EXCLUSIVE lock"
-- The type before this migration is varchar(100) (002 widened it): shorter rewrites.
ALTER TABLE users ALTER COLUMN name TYPE varchar(80); -- want: column-type-change "from varchar\(100\) to varchar\(80\)"
ALTER TABLE users
    ALTER COLUMN code TYPE varchar(20),
    ALTER COLUMN status TYPE varchar(20); -- want: column-type-change "\"status\" of table users from text to varchar\(20\)"
ALTER TABLE users ALTER COLUMN balance SET DATA TYPE numeric(14, 4); -- want: column-type-change "from numeric\(14,2\) to numeric\(14,4\)"
ALTER TABLE billing.invoices ALTER COLUMN amount TYPE bigint USING (amount * 100)::bigint; -- want: column-type-change "table billing.invoices from numeric\(12,2\) to int8"
ALTER TABLE users ALTER COLUMN email TYPE varchar USING lower(email); -- want: column-type-change
ALTER TABLE users ALTER COLUMN tags TYPE varchar[]; -- want: column-type-change "from text\[\] to varchar\[\]"

-- A table this file creates is empty.
CREATE TABLE audit (id integer PRIMARY KEY, note varchar(10));
ALTER TABLE audit ALTER COLUMN id TYPE bigint;
-- A table this file empties first.
TRUNCATE drafts;
ALTER TABLE drafts ALTER COLUMN body TYPE varchar(20);
