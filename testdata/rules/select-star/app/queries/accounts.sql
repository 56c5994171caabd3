-- name: GetAccount :one
SELECT * -- want: select-star
FROM accounts
WHERE id = $1;

-- name: ListAccounts :many
SELECT a.* FROM accounts AS a ORDER BY a.name LIMIT $1; -- want: select-star@"a.*"
