CREATE INDEX invoices_state ON invoices (state);
