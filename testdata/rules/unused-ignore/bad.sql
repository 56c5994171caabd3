-- Ignore comments that silence nothing, or name no rule.
-- sqlsage-ignore money-float -- want: unused-ignore@"money-float" "ignore comment for money-float silences nothing here"
CREATE TABLE orders (id bigint PRIMARY KEY, total numeric(10, 2));

-- sqlsage-ignore selct-star, select-star -- want: unused-ignore@"selct-star" "ignore comment names selct-star, which is not a rule of sqlsage"
SELECT * FROM orders;

-- sqlsage-ignore-file json-not-jsonb -- want: unused-ignore@"json-not-jsonb" "silences nothing"
CREATE TABLE events (id bigint PRIMARY KEY, payload jsonb);
