-- name: GetAccount :one
SELECT id, name, plan, "Region" -- want: select-star
FROM accounts
WHERE id = $1;

-- name: ListAccounts :many
SELECT a.id, a.name, a.plan, a."Region" FROM accounts AS a ORDER BY a.name LIMIT $1; -- want: select-star@"a.*"
