-- name: UnusedTags :many
SELECT t.id, t.name
FROM tags t
WHERE NOT EXISTS (SELECT 1 FROM post_tags pt WHERE pt.tag_id = t.id); -- want: not-in-subquery "anti-join"
