-- Orders carry the Telegent account (AID-…) their request was filed under: a distributor's channel bound
-- with /telegent account, else TELEGENT_ACCOUNT_ID; null when neither (a direct account).
ALTER TABLE orders ADD COLUMN account_id text;
