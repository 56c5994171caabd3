-- Without --base the rule never runs, even in a migrations-looking file.
CREATE TABLE t (id bigint PRIMARY KEY);
