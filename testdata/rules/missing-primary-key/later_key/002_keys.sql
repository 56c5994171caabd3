ALTER TABLE accounts ADD PRIMARY KEY (id);
ALTER TABLE memberships ADD CONSTRAINT memberships_pkey PRIMARY KEY (account_id, team_id);
