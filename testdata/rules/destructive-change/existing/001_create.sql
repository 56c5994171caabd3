CREATE SCHEMA legacy;
CREATE TABLE users (id bigint PRIMARY KEY, name text, nickname text, avatar bytea);
CREATE TABLE legacy.sessions (id bigint PRIMARY KEY);
CREATE TABLE audit_log (id bigint PRIMARY KEY);
