-- No migration of this history has a down part: forward-only by choice.
CREATE TABLE users (id bigint PRIMARY KEY);
