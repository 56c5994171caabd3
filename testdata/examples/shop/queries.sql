-- Reports and maintenance queries.
SELECT c.email, sum(o.total_amount) AS spent
FROM customers c
JOIN orders o ON o.customer_id = c.id
GROUP BY c.email;

-- Close every open order (oops: no WHERE).
UPDATE orders SET status = 'closed';

DELETE FROM order_items WHERE quantity = 0;
