-- The column was declared in 001: reported, with no fix (retyping rewrites the table).
ALTER TABLE invoices ADD CONSTRAINT invoices_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE; -- want: fk-type-mismatch@"CONSTRAINT invoices_account_fk"
-- A later migration widens credits.account_id first: not reported.
ALTER TABLE credits ALTER COLUMN account_id TYPE bigint;
ALTER TABLE credits ADD CONSTRAINT credits_account_fk FOREIGN KEY (account_id) REFERENCES accounts (id) ON DELETE CASCADE;
