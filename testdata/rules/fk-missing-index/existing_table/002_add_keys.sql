-- The tables exist already: build the index without blocking writes.
ALTER TABLE members ADD CONSTRAINT members_team_fk FOREIGN KEY (team_id) REFERENCES teams; -- want: fk-missing-index

-- A partitioned table cannot be indexed concurrently.
ALTER TABLE events ADD FOREIGN KEY (team_id) REFERENCES teams; -- want: fk-missing-index
