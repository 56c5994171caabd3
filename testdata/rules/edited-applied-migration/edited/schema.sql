-- A modified file that is not a migration (a schema dump): not reported.
CREATE TABLE audit (id bigint PRIMARY KEY);
