-- sqlsage-test: modified=reports.sql
-- Queries change all the time.
SELECT count(*) FROM users;
