-- A later migration fixed prefs; flags is still json.
ALTER TABLE settings ALTER COLUMN prefs TYPE jsonb USING prefs::jsonb;
