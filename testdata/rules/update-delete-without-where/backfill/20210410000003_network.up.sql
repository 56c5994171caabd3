-- ... and fill it for every row, which is the point.
UPDATE sessions SET nid = (SELECT id FROM networks LIMIT 1);
-- token was not added by this change.
UPDATE sessions SET token = md5(id::text); -- want: update-delete-without-where
