-- name: EntriesFor :many
SELECT id FROM audit.entries
WHERE detail @> jsonb_build_object('actor', $1::text); -- want: jsonb-without-gin@"detail" "audit.entries.detail"

-- name: PurgeActor :exec
DELETE FROM audit.entries WHERE detail ? 'actor'; -- want: jsonb-without-gin
