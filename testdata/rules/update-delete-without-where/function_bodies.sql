-- Statements in function, procedure and DO bodies are judged like any
-- other, at their place in the file.

-- PL/pgSQL: the body's SQL statements, after multi-byte text (é, 😀).
CREATE FUNCTION reset_stats(p_reason text) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
  v_note text := 'réinitialisé 😀';
BEGIN
  UPDATE stats SET hits = 0, note = v_note; -- want: update-delete-without-where@"UPDATE stats" "UPDATE without WHERE changes every row of stats"
  UPDATE stats SET hits = 1 WHERE id = 1;
  IF p_reason = 'all' THEN
    DELETE FROM stat_history; -- want: update-delete-without-where@"DELETE FROM stat_history"
  END IF;
  -- sqlsage-ignore update-delete-without-where: the audit copy is rebuilt on purpose
  DELETE FROM stat_audit;
  EXECUTE 'DELETE FROM dynamic_sql_is_not_analysed';
END
$fn$;

-- SQL: a DELETE without WHERE inside a LANGUAGE sql function.
CREATE FUNCTION purge_sessions() RETURNS void LANGUAGE sql AS $$
  DELETE FROM sessions WHERE expires_at < now();
  DELETE FROM session_cache; -- want: update-delete-without-where@"DELETE FROM session_cache" "DELETE without WHERE removes every row of session_cache"
$$;

-- A quoted body: the statement without doubled quotes is analysed.
CREATE PROCEDURE clear_queue() LANGUAGE sql AS '
  UPDATE queue SET note = ''cleared'' WHERE id > 0;
  DELETE FROM queue_archive; -- want: update-delete-without-where@"DELETE FROM queue_archive"
';

-- A DO block runs PL/pgSQL.
DO $$
BEGIN
  UPDATE settings SET value = 'on'; -- want: update-delete-without-where@"UPDATE settings"
END
$$;

-- Bodies in other languages are not SQL.
CREATE FUNCTION py_purge() RETURNS void LANGUAGE plpython3u AS $$
plpy.execute("DELETE FROM python_table")
$$;
