SET lock_timeout = '5s';
CREATE TRIGGER accounts_touch BEFORE UPDATE ON accounts FOR EACH ROW EXECUTE FUNCTION touch(); -- want: lock-timeout-missing
