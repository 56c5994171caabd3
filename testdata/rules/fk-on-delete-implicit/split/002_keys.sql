-- pg_dump writes keys after the tables.
ALTER TABLE ONLY public.books
    ADD CONSTRAINT books_author_id_fkey FOREIGN KEY (author_id) REFERENCES public.authors(id); -- want: fk-on-delete-implicit@"CONSTRAINT books_author_id_fkey"
ALTER TABLE ONLY public.books
    ADD CONSTRAINT books_editor_id_fkey FOREIGN KEY (editor_id) REFERENCES public.authors(id);
