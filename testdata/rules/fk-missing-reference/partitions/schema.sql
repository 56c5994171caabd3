-- pg_dump of a schema from before PostgreSQL 12: the keys are on the partitions.
CREATE TABLE public.customer (customer_id integer NOT NULL, name text);
ALTER TABLE ONLY public.customer ADD CONSTRAINT customer_pkey PRIMARY KEY (customer_id);
CREATE TABLE public.payment (payment_id integer NOT NULL, customer_id integer NOT NULL, amount numeric(5,2)) PARTITION BY RANGE (payment_id);
CREATE TABLE public.payment_p1 (payment_id integer NOT NULL, customer_id integer NOT NULL, amount numeric(5,2));
ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_p1 FOR VALUES FROM (0) TO (100);
ALTER TABLE ONLY public.payment_p1 ADD CONSTRAINT payment_p1_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customer(customer_id);
