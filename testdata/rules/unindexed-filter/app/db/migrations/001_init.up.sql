CREATE TABLE invoices (
  id          bigint PRIMARY KEY,
  account_id  bigint NOT NULL,
  number      text NOT NULL,
  state       text NOT NULL,
  issued_on   date NOT NULL
);
CREATE UNIQUE INDEX invoices_account_number ON invoices (account_id, number);
