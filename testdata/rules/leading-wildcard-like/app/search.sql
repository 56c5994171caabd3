-- name: SearchProducts :many
SELECT id, title
FROM products
WHERE sku LIKE '%' || sqlc.arg(q) || '%' -- want: leading-wildcard-like@"'%'" "B-tree index products_sku on products.sku"
LIMIT 20;
