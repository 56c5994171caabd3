-- name: UnusedTags :many
SELECT t.id, t.name
FROM tags t
WHERE t.id NOT IN (SELECT pt.tag_id FROM post_tags pt); -- want: not-in-subquery "anti-join"
