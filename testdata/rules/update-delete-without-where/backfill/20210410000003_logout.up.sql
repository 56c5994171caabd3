-- Two files after the column was added, it is an ordinary update again.
UPDATE sessions SET nid = NULL; -- want: update-delete-without-where
