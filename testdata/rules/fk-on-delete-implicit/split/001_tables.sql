CREATE TABLE public.authors (id integer NOT NULL, name text);
CREATE TABLE public.books (id integer NOT NULL, author_id integer, editor_id integer);
