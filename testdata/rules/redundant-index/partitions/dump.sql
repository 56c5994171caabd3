-- pg_dump: a partition's index attached to the parent's, and a copy of it
-- created on its own. The copy is reported, whatever the order.
CREATE TABLE public.payment (payment_id integer NOT NULL, customer_id integer NOT NULL) PARTITION BY RANGE (payment_id);
CREATE TABLE public.payment_p1 (payment_id integer NOT NULL, customer_id integer NOT NULL);
ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_p1 FOR VALUES FROM (0) TO (100);
CREATE INDEX idx_fk_payment_p1_customer_id ON public.payment_p1 USING btree (customer_id); -- want: redundant-index@"idx_fk_payment_p1_customer_id" "duplicates index payment_p1_customer_id_idx"
CREATE INDEX idx_fk_payment_customer_id ON ONLY public.payment USING btree (customer_id);
CREATE INDEX payment_p1_customer_id_idx ON public.payment_p1 USING btree (customer_id);
ALTER INDEX public.idx_fk_payment_customer_id ATTACH PARTITION public.payment_p1_customer_id_idx;
