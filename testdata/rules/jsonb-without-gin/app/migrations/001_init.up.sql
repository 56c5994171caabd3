CREATE TABLE audit.entries (
  id     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  detail jsonb NOT NULL DEFAULT '{}'
);
