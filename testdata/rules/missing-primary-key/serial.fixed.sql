-- sqlsage-test: pg-version=16 primary-key-style=serial
CREATE TABLE visits ( -- want: missing-primary-key@"visits"
	id BIGSERIAL PRIMARY KEY,
	path text NOT NULL,
	at   timestamptz NOT NULL
);
