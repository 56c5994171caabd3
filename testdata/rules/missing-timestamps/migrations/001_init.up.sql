CREATE TABLE accounts (id bigint PRIMARY KEY, owner_id bigint NOT NULL, plan text NOT NULL, seats int NOT NULL);
CREATE TABLE api_tokens (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES accounts, token text NOT NULL); -- want: missing-timestamps@"api_tokens"
