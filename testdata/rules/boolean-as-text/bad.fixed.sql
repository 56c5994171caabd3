CREATE TABLE users (
  id          bigint PRIMARY KEY,
  is_active   BOOLEAN NOT NULL DEFAULT 'Y', -- want: boolean-as-text@"varchar(1)" "column \"is_active\" stores a yes/no value as varchar\(1\)"
  has_paid    BOOLEAN,                          -- want: boolean-as-text@"CHAR(1)"
  "canEdit"   BOOLEAN DEFAULT 'false',             -- want: boolean-as-text@"text"
  mfa_enabled BOOLEAN DEFAULT NULL, -- want: boolean-as-text@"character varying(5)"
  deleted_flag char(1) CHECK (deleted_flag IN ('Y', 'N')), -- want: boolean-as-text@"char(1)"
  enabled     BOOLEAN                              -- want: boolean-as-text@"text"
);

-- Columns added later are judged the same way.
ALTER TABLE users ADD COLUMN is_admin BOOLEAN DEFAULT 'no'; -- want: boolean-as-text@"text"

-- pg_dump writes the default with a cast, which a boolean cannot take:
-- reported without a fix.
CREATE TABLE public.accounts (
    id integer NOT NULL,
    is_locked character(1) DEFAULT 'N'::bpchar -- want: boolean-as-text@"character(1)"
);

-- Retyping existing text needs a USING expression: no fix.
ALTER TABLE users ALTER COLUMN has_paid TYPE varchar(3); -- want: boolean-as-text@"varchar(3)"
