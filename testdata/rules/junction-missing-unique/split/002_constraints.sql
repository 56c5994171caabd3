ALTER TABLE ONLY group_members ADD CONSTRAINT gm_group_fk FOREIGN KEY (group_id) REFERENCES groups (id);
ALTER TABLE ONLY group_members ADD CONSTRAINT gm_person_fk FOREIGN KEY (person_id) REFERENCES people (id);
ALTER TABLE ONLY group_admins ADD CONSTRAINT ga_pkey PRIMARY KEY (group_id, person_id);
ALTER TABLE ONLY group_admins ADD CONSTRAINT ga_group_fk FOREIGN KEY (group_id) REFERENCES groups (id);
ALTER TABLE ONLY group_admins ADD CONSTRAINT ga_person_fk FOREIGN KEY (person_id) REFERENCES people (id);
