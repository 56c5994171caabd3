-- Every ignore comment silences a finding; rules turned off are left alone.
-- sqlsage-ignore money-float -- legacy import, converted in Q3
CREATE TABLE payments (id bigint PRIMARY KEY, amount float8);

SELECT * FROM payments; -- sqlsage-ignore select-star

-- unbounded-text is off by default: its ignore comment waits for whoever turns it on.
-- sqlsage-ignore unbounded-text
CREATE TABLE notes (id bigint PRIMARY KEY, body text);

-- Kept on purpose, and said so.
-- sqlsage-ignore missing-timestamps, unused-ignore
CREATE TABLE tags (id bigint PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now());
