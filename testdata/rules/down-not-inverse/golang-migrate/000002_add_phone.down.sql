-- Drops the index but forgets the column.
DROP INDEX users_phone_idx; -- want: down-not-inverse "this down migration does not undo migration 000002 \(add_phone\): column users.phone remains$"
