CREATE TABLE settings (id bigint PRIMARY KEY, prefs json, flags jsonb); -- want: json-not-jsonb@"json);" "flags"
