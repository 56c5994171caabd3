-- The schema in another file says which counted columns can be null.
SELECT id FROM members m WHERE (SELECT count(member_id) FROM posts WHERE member_id = m.id) > 0; -- want: count-for-existence
SELECT id FROM members m WHERE (SELECT count(reviewed_by) FROM posts p WHERE p.member_id = m.id) = 0; -- want: count-for-existence
DELETE FROM members m WHERE (SELECT count(*) FROM posts p WHERE p.member_id = m.id) = 0; -- want: count-for-existence
