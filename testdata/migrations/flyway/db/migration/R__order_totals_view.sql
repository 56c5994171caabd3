CREATE OR REPLACE VIEW order_totals AS
SELECT o.id AS order_id, o.user_id, sum(i.quantity * i.unit_price) AS items_total
FROM orders o
JOIN order_items i ON i.order_id = o.id
GROUP BY o.id, o.user_id;
