SELECT id, title FROM posts ORDER BY created_at; -- want: order-without-limit
