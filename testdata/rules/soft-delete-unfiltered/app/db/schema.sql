CREATE TABLE "Projects" (
  id         bigint PRIMARY KEY,
  name       text NOT NULL,
  deleted_at timestamptz
);
