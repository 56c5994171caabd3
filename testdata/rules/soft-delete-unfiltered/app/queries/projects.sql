-- name: ListProjects :many
SELECT id, name
FROM "Projects" -- want: soft-delete-unfiltered@"\"Projects\"" "Projects has a deleted_at column"
ORDER BY name
LIMIT $1;
