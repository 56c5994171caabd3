CREATE TABLE groups (id bigint PRIMARY KEY);
CREATE TABLE people (id bigint PRIMARY KEY);
-- pg_dump style: columns first, constraints in a later file.
CREATE TABLE group_members ( -- want: junction-missing-unique@"group_members"
    group_id bigint NOT NULL,
    person_id bigint NOT NULL
);
CREATE TABLE group_admins (
    group_id bigint NOT NULL,
    person_id bigint NOT NULL
);
