ALTER TABLE members RENAME COLUMN mobile TO phone;
ALTER TABLE members RENAME TO users;
