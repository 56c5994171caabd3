-- Another change: an ordinary update again.
UPDATE sessions SET nid = NULL; -- want: update-delete-without-where
