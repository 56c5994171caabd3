CREATE TABLE settings (id bigint PRIMARY KEY, prefs json, flags json); -- want: json-not-jsonb@"json);" "flags"
