SELECT 1;
SELECT 'é' FROM WHERE id = 1;                  -- want: syntax-error@"WHERE" "syntax error at or near \"WHERE\""
CREATE TABLE users (id int AUTO_INCREMENT);    -- want: syntax-error@"AUTO_INCREMENT" "MySQL syntax"
CREATE TABLE `posts` (id int);                 -- want: syntax-error@"`" "MySQL syntax \(backtick"
CREATE TABLE t (id int) ENGINE=InnoDB;         -- want: syntax-error@"ENGINE" "MySQL syntax \(ENGINE=\)"
SELECT * FROM ${schema}.accounts;              -- want: syntax-error@"${schema}" "template placeholder"
SELECT 2;
