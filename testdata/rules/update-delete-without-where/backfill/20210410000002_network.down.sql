-- A down migration sorts between the files of the change.
UPDATE sessions SET token = ''; -- want: update-delete-without-where
