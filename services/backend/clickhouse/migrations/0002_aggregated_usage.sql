-- Aggregated usage rows and the costs a source states (issue 10). A row of a provider's usage report
-- stands for request_count requests over the bucket [timestamp, period_end); request-level rows keep
-- request_count = 1 and period_end NULL, which is what every existing row gets.
--
-- cache_write_1h_tokens is the subset of cache_write_tokens written with the 1-hour TTL (priced
-- above the 5-minute writes); web_search_requests are server-side searches, billed per search.
-- cost_source says where cost_usd came from: 'catalog' (Netra priced it), 'reported' (the catalog
-- could not price the model and the source's stated cost is used, flagged), '' (unpriced, NULL).
-- Existing rows read '' until re-ingested; readers treat a priced row with '' as 'catalog'.
ALTER TABLE {{database}}.usage_events ADD COLUMN IF NOT EXISTS request_count UInt32 DEFAULT 1;
ALTER TABLE {{database}}.usage_events ADD COLUMN IF NOT EXISTS period_end Nullable(DateTime64(3, 'UTC'));
ALTER TABLE {{database}}.usage_events ADD COLUMN IF NOT EXISTS cache_write_1h_tokens UInt64 DEFAULT 0;
ALTER TABLE {{database}}.usage_events ADD COLUMN IF NOT EXISTS web_search_requests UInt32 DEFAULT 0;
ALTER TABLE {{database}}.usage_events ADD COLUMN IF NOT EXISTS cost_source LowCardinality(String) DEFAULT '';
