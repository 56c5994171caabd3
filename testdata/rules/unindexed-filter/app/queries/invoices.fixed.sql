-- name: InvoicesByState :many
SELECT id FROM invoices WHERE state = $1;

-- name: InvoiceByNumber :one
SELECT id
FROM invoices
WHERE number = $1; -- want: unindexed-filter@"number" "unique constraint invoices_account_number|index invoices_account_number \(account_id, number\) cannot serve a filter on number alone"
CREATE INDEX IF NOT EXISTS idx_invoices_number ON invoices (number);

-- name: InvoicesIssued :many
SELECT i.id FROM invoices AS i WHERE i.issued_on >= $1 AND i.account_id = $2;

-- name: VoidOldInvoices :exec
UPDATE invoices SET state = 'void' WHERE issued_on < $1; -- want: unindexed-filter@"issued_on"
CREATE INDEX IF NOT EXISTS idx_invoices_issued_on ON invoices (issued_on);

-- name: DeleteInvoiceByNumber :exec
DELETE FROM invoices WHERE number = $1; -- want: unindexed-filter@"number" "cannot serve a filter on number alone"
CREATE INDEX IF NOT EXISTS idx_invoices_number ON invoices (number);
