ALTER TABLE sessions ADD COLUMN nid uuid REFERENCES networks;
