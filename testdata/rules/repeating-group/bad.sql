CREATE TABLE customers (
  id        bigint PRIMARY KEY,
  phone1    text,  -- want: repeating-group@"phone1" "columns \"phone1\", \"phone2\", \"phone3\" repeat one attribute"
  phone2    text,
  phone3    text,
  address_1 text,  -- want: repeating-group@"address_1" "\"address_1\", \"address_2\""
  address_2 text,
  tag_ids   text,  -- want: repeating-group@"tag_ids" "column \"tag_ids\" holds a list in text"
  tags      varchar(500), -- want: repeating-group@"tags"
  "allowList" text -- want: repeating-group@"\"allowList\""
);
-- A family completed by a later column: reported once, at its first column.
CREATE TABLE contacts (id bigint PRIMARY KEY, email_1 text); -- want: repeating-group@"email_1" "\"email_1\", \"email_2\""
ALTER TABLE contacts ADD COLUMN email_2 text;
