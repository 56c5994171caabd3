ALTER TABLE accounts ADD COLUMN "Region" text;
