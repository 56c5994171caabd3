CREATE TABLE networks (id uuid PRIMARY KEY);
CREATE TABLE sessions (id uuid PRIMARY KEY, token text NOT NULL, created_at timestamptz NOT NULL);
