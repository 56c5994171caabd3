-- The editor key goes: 002 is not reported for it.
ALTER TABLE public.books DROP CONSTRAINT books_editor_id_fkey;
