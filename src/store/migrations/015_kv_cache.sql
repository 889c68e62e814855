-- The shared keyv caches (Telegent tokens, usergroup members, the forms' Telegent lists) on the Postgres
-- server: key as keyv prefixes it ("<namespace>:<key>"), value keyv's JSON ({"value":…,"expires":…}).
-- Made here rather than by each replica on first use: replicas starting at once raced to create it.
-- IF NOT EXISTS: databases the app used before this migration already have it, in this same layout.
CREATE TABLE IF NOT EXISTS kv_cache (
  key varchar(255) PRIMARY KEY,
  value text
);
