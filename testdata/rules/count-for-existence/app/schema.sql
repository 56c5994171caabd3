CREATE TABLE members (id bigint PRIMARY KEY);
CREATE TABLE posts (id bigint PRIMARY KEY, member_id bigint NOT NULL, reviewed_by bigint);
