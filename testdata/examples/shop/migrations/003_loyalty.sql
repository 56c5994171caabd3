-- Added a year later, when the tables hold millions of rows.
ALTER TABLE customers ADD COLUMN loyalty_tier text NOT NULL DEFAULT 'basic';
ALTER TABLE customers ADD COLUMN referral_code uuid NOT NULL DEFAULT gen_random_uuid();
ALTER TABLE orders ADD COLUMN coupon_code text NOT NULL;
