-- The table existed before this file: the fix is offered, not applied.
ALTER TABLE shop.invoices ADD COLUMN customer_id bigint; -- want: fk-missing-reference@"customer_id" "shop.customers"
