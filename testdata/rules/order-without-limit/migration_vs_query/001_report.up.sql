-- A migration runs once: its sorted SELECTs are checks and reports.
SELECT id, title FROM posts ORDER BY created_at;
