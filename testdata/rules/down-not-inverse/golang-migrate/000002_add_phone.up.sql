ALTER TABLE users ADD COLUMN phone text;
CREATE INDEX users_phone_idx ON users (phone);
