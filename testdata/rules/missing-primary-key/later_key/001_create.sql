-- The key is added by a later migration.
CREATE TABLE accounts (
  id   bigint NOT NULL,
  name text NOT NULL
);
CREATE TABLE memberships (account_id bigint NOT NULL, team_id bigint NOT NULL);
