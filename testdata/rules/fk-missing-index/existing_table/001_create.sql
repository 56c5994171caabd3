CREATE TABLE teams (id bigint PRIMARY KEY);
CREATE TABLE members (id bigint PRIMARY KEY, team_id bigint, mentor_id bigint);
CREATE TABLE events (id bigint, team_id bigint, at date) PARTITION BY RANGE (at);
