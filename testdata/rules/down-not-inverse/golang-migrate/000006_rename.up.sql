ALTER TABLE users RENAME TO members;
ALTER TABLE members RENAME COLUMN phone TO mobile;
