-- sqlsage-test: pg-version=10
CREATE FUNCTION public.trigger_set_timestamp() RETURNS trigger AS $$
BEGIN
  NEW."updated_at" := NOW();
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TABLE accounts (id bigint PRIMARY KEY, name text);
