CREATE TABLE prefs (id bigint PRIMARY KEY, email_enabled boolean);
