-- The schema file sorts after this one: an index here would come before
-- its table, so the finding has no fix.
SELECT id FROM tickets WHERE status = 'open'; -- want: unindexed-filter@"status"
