-- The table existed before: the fix, which reuses 001's function, is
-- offered but not applied.
ALTER TABLE accounts ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(); -- want: updated-at-without-trigger@"updated_at"
CREATE TABLE plans (id bigint PRIMARY KEY, updated_at timestamptz); -- want: updated-at-without-trigger@"updated_at"
CREATE TRIGGER plans_set_updated_at BEFORE UPDATE ON plans
  FOR EACH ROW EXECUTE PROCEDURE trigger_set_timestamp();
