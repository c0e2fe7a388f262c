-- Hourly spend aggregates kept up to date at ingestion (modules/analytics). Each materialized view
-- sums the rows of every insert into usage_events into one row per organization × hour × grouping
-- dimensions × status; SummingMergeTree folds rows of the same key together as parts merge, and
-- reads sum() again, so a figure is right before and after a merge.
--
-- Exactness against the raw table: a view sees inserts, not merges, so it counts what is inserted,
-- and usage_events is read with FINAL. The two agree because the one writer of usage_events (the
-- UsageWriter) inserts each (org_id, event_id) at most once: repeats inside a batch are dropped and
-- ids already stored are looked up before inserting (tested in modules/analytics). Two backend
-- instances receiving the same event at the same instant could both insert it: FINAL would show it
-- once and these aggregates twice; the analytics README says so.
--
-- `events` (rows, never 0) keeps SummingMergeTree from dropping a row whose sums are all zero.
-- cost_usd sums priced rows only (NULL cost is unpriced, never $0); unpriced_requests counts the rest.
-- Columns are read as e.<name>: unqualified, a name would resolve to the sum of the same name.
-- Three tables: usage_hourly and usage_daily leave user_id out (the dashboard's figures: day and
-- week charts and whole-day summaries read the daily one, 24 times smaller), usage_hourly_users keeps
-- it for grouping or filtering by user.
CREATE TABLE IF NOT EXISTS {{database}}.usage_hourly
(
    org_id             LowCardinality(String),
    hour               DateTime('UTC'),
    provider           LowCardinality(String),
    model              LowCardinality(String),
    feature            LowCardinality(String),
    environment        LowCardinality(String),
    status             Enum8('success' = 1, 'error' = 2),
    events             UInt64,
    requests           UInt64,
    unpriced_requests  UInt64,
    cost_usd           Float64,
    input_tokens       UInt64,
    output_tokens      UInt64,
    cache_read_tokens  UInt64,
    cache_write_tokens UInt64,
    reasoning_tokens   UInt64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (org_id, hour, provider, model, feature, environment, status);
CREATE TABLE IF NOT EXISTS {{database}}.usage_daily
(
    org_id             LowCardinality(String),
    day                DateTime('UTC'),
    provider           LowCardinality(String),
    model              LowCardinality(String),
    feature            LowCardinality(String),
    environment        LowCardinality(String),
    status             Enum8('success' = 1, 'error' = 2),
    events             UInt64,
    requests           UInt64,
    unpriced_requests  UInt64,
    cost_usd           Float64,
    input_tokens       UInt64,
    output_tokens      UInt64,
    cache_read_tokens  UInt64,
    cache_write_tokens UInt64,
    reasoning_tokens   UInt64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(day)
ORDER BY (org_id, day, provider, model, feature, environment, status);
CREATE TABLE IF NOT EXISTS {{database}}.usage_hourly_users
(
    org_id             LowCardinality(String),
    hour               DateTime('UTC'),
    user_id            String,
    provider           LowCardinality(String),
    model              LowCardinality(String),
    feature            LowCardinality(String),
    environment        LowCardinality(String),
    status             Enum8('success' = 1, 'error' = 2),
    events             UInt64,
    requests           UInt64,
    unpriced_requests  UInt64,
    cost_usd           Float64,
    input_tokens       UInt64,
    output_tokens      UInt64,
    cache_read_tokens  UInt64,
    cache_write_tokens UInt64,
    reasoning_tokens   UInt64
)
ENGINE = SummingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (org_id, hour, user_id, provider, model, feature, environment, status);
-- Backfill from the rows stored before this migration, once: only while the aggregate is still empty
-- (re-running the statement after it succeeded inserts nothing), with FINAL so a duplicate stored by
-- racing writers counts once. It runs before the views exist and migrations run at start, before the
-- instance takes usage; an older instance still ingesting during a rolling deploy could slip rows in
-- between, which the README's rebuild note covers.
INSERT INTO {{database}}.usage_hourly
SELECT org_id, toStartOfHour(e.timestamp) AS hour, provider, model, feature, environment, status,
       count() AS events, sum(e.request_count) AS requests, sumIf(e.request_count, e.cost_usd IS NULL) AS unpriced_requests,
       sum(ifNull(e.cost_usd, 0)) AS cost_usd, sum(e.input_tokens) AS input_tokens, sum(e.output_tokens) AS output_tokens,
       sum(e.cache_read_tokens) AS cache_read_tokens, sum(e.cache_write_tokens) AS cache_write_tokens,
       sum(e.reasoning_tokens) AS reasoning_tokens
FROM {{database}}.usage_events AS e FINAL
WHERE (SELECT count() FROM {{database}}.usage_hourly) = 0
GROUP BY org_id, hour, provider, model, feature, environment, status;
INSERT INTO {{database}}.usage_daily
SELECT org_id, toStartOfDay(e.timestamp) AS day, provider, model, feature, environment, status,
       count() AS events, sum(e.request_count) AS requests, sumIf(e.request_count, e.cost_usd IS NULL) AS unpriced_requests,
       sum(ifNull(e.cost_usd, 0)) AS cost_usd, sum(e.input_tokens) AS input_tokens, sum(e.output_tokens) AS output_tokens,
       sum(e.cache_read_tokens) AS cache_read_tokens, sum(e.cache_write_tokens) AS cache_write_tokens,
       sum(e.reasoning_tokens) AS reasoning_tokens
FROM {{database}}.usage_events AS e FINAL
WHERE (SELECT count() FROM {{database}}.usage_daily) = 0
GROUP BY org_id, day, provider, model, feature, environment, status;
INSERT INTO {{database}}.usage_hourly_users
SELECT org_id, toStartOfHour(e.timestamp) AS hour, user_id, provider, model, feature, environment, status,
       count() AS events, sum(e.request_count) AS requests, sumIf(e.request_count, e.cost_usd IS NULL) AS unpriced_requests,
       sum(ifNull(e.cost_usd, 0)) AS cost_usd, sum(e.input_tokens) AS input_tokens, sum(e.output_tokens) AS output_tokens,
       sum(e.cache_read_tokens) AS cache_read_tokens, sum(e.cache_write_tokens) AS cache_write_tokens,
       sum(e.reasoning_tokens) AS reasoning_tokens
FROM {{database}}.usage_events AS e FINAL
WHERE (SELECT count() FROM {{database}}.usage_hourly_users) = 0
GROUP BY org_id, hour, user_id, provider, model, feature, environment, status;
CREATE MATERIALIZED VIEW IF NOT EXISTS {{database}}.usage_hourly_mv TO {{database}}.usage_hourly AS
SELECT org_id, toStartOfHour(e.timestamp) AS hour, provider, model, feature, environment, status,
       count() AS events, sum(e.request_count) AS requests, sumIf(e.request_count, e.cost_usd IS NULL) AS unpriced_requests,
       sum(ifNull(e.cost_usd, 0)) AS cost_usd, sum(e.input_tokens) AS input_tokens, sum(e.output_tokens) AS output_tokens,
       sum(e.cache_read_tokens) AS cache_read_tokens, sum(e.cache_write_tokens) AS cache_write_tokens,
       sum(e.reasoning_tokens) AS reasoning_tokens
FROM {{database}}.usage_events AS e
GROUP BY org_id, hour, provider, model, feature, environment, status;
CREATE MATERIALIZED VIEW IF NOT EXISTS {{database}}.usage_daily_mv TO {{database}}.usage_daily AS
SELECT org_id, toStartOfDay(e.timestamp) AS day, provider, model, feature, environment, status,
       count() AS events, sum(e.request_count) AS requests, sumIf(e.request_count, e.cost_usd IS NULL) AS unpriced_requests,
       sum(ifNull(e.cost_usd, 0)) AS cost_usd, sum(e.input_tokens) AS input_tokens, sum(e.output_tokens) AS output_tokens,
       sum(e.cache_read_tokens) AS cache_read_tokens, sum(e.cache_write_tokens) AS cache_write_tokens,
       sum(e.reasoning_tokens) AS reasoning_tokens
FROM {{database}}.usage_events AS e
GROUP BY org_id, day, provider, model, feature, environment, status;
CREATE MATERIALIZED VIEW IF NOT EXISTS {{database}}.usage_hourly_users_mv TO {{database}}.usage_hourly_users AS
SELECT org_id, toStartOfHour(e.timestamp) AS hour, user_id, provider, model, feature, environment, status,
       count() AS events, sum(e.request_count) AS requests, sumIf(e.request_count, e.cost_usd IS NULL) AS unpriced_requests,
       sum(ifNull(e.cost_usd, 0)) AS cost_usd, sum(e.input_tokens) AS input_tokens, sum(e.output_tokens) AS output_tokens,
       sum(e.cache_read_tokens) AS cache_read_tokens, sum(e.cache_write_tokens) AS cache_write_tokens,
       sum(e.reasoning_tokens) AS reasoning_tokens
FROM {{database}}.usage_events AS e
GROUP BY org_id, hour, user_id, provider, model, feature, environment, status;
