-- name: SearchProducts :many
SELECT id, title
FROM products
WHERE sku LIKE '%' || sqlc.arg(q) || '%' -- want: leading-wildcard-like@"'%'" "B-tree index products_sku on products.sku"
LIMIT 20;

-- name: DeleteSpam :exec
DELETE FROM products WHERE title = 'spam' AND sku ILIKE '%spam%'; -- want: leading-wildcard-like@"'%spam%'"
