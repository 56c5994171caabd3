BEGIN;
-- CONCURRENTLY cannot run inside a transaction block.
ALTER TABLE members ADD CONSTRAINT members_mentor_fk -- want: fk-missing-index
  FOREIGN KEY (mentor_id) REFERENCES members (id);
CREATE INDEX idx_members_mentor_id ON members (mentor_id);
COMMIT;
