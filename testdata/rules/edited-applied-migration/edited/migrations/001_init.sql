-- sqlsage-test: modified=migrations/001_init.sql,schema.sql
CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL); -- want: edited-applied-migration "migration migrations/001_init.sql existed at BASE and was edited"
CREATE INDEX idx_users_email ON users (email);
