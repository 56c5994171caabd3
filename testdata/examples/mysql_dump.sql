-- Copied from a MySQL project: sqlsage says so rather than a bare syntax error.
CREATE TABLE `sessions` (
  id int NOT NULL AUTO_INCREMENT,
  token varchar(64) NOT NULL,
  PRIMARY KEY (id)
) ENGINE=InnoDB;

CREATE TABLE audit_log (
  happened_on text,
  actor text,
  action text
);
