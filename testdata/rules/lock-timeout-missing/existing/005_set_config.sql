SELECT set_config('lock_timeout', '3s', false);
ALTER TABLE accounts RENAME COLUMN note TO remark;
