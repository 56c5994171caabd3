-- The schema in another file says which counted columns can be null.
SELECT id FROM members m WHERE EXISTS (SELECT 1 FROM posts WHERE member_id = m.id); -- want: count-for-existence
SELECT id FROM members m WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.member_id = m.id AND reviewed_by IS NOT NULL); -- want: count-for-existence
DELETE FROM members m WHERE NOT EXISTS (SELECT 1 FROM posts p WHERE p.member_id = m.id); -- want: count-for-existence
