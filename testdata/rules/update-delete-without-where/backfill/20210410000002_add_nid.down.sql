-- A down migration of the next change sorts between the two files.
UPDATE sessions SET token = ''; -- want: update-delete-without-where
