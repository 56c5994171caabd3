CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint); -- want: down-not-inverse "constraint orders_user_id_fkey on orders is not restored"
