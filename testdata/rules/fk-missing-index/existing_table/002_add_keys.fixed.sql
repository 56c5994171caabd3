-- The tables exist already: build the index without blocking writes.
ALTER TABLE members ADD CONSTRAINT members_team_fk FOREIGN KEY (team_id) REFERENCES teams; -- want: fk-missing-index
CREATE INDEX CONCURRENTLY idx_members_team_id ON members (team_id);

-- A partitioned table cannot be indexed concurrently.
ALTER TABLE events ADD FOREIGN KEY (team_id) REFERENCES teams; -- want: fk-missing-index
CREATE INDEX idx_events_team_id ON events (team_id);
