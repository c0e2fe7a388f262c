-- Usage events: one row per LLM request (ARCHITECTURE §4.1), column for column the UsageRow
-- contract (services/backend/src/usage/usage-row.ts).
--
-- Partitioned by month so retention and backfills touch whole months; ordered by organization and
-- time because every read is one organization over a time range. event_id closes the sorting key so
-- ReplacingMergeTree collapses a re-sent event (same org, time and id) to one row, keeping the copy
-- with the newest ingested_at. Reads use FINAL, so duplicates are invisible even before a merge.
-- The primary index stops at (org_id, timestamp): event_id there would only grow it in memory.
CREATE TABLE IF NOT EXISTS {{database}}.usage_events
(
    org_id              LowCardinality(String),
    event_id            String,
    timestamp           DateTime64(3, 'UTC') CODEC(Delta, ZSTD(1)),
    ingested_at         DateTime64(3, 'UTC'),
    source              LowCardinality(String),
    provider            LowCardinality(String),
    model               LowCardinality(String),
    operation           LowCardinality(String),
    -- UInt64: the contract allows any safe integer, and one oversized value must never fail a batch.
    input_tokens        UInt64,
    output_tokens       UInt64,
    cache_read_tokens   UInt64,
    cache_write_tokens  UInt64,
    reasoning_tokens    UInt64,
    latency_ms          Nullable(Float64),
    ttft_ms             Nullable(Float64),
    status              Enum8('success' = 1, 'error' = 2),
    error_type          LowCardinality(String),
    reported_cost_usd   Nullable(Float64),
    -- NULL means unpriced (model unknown to the catalog), never $0.
    cost_usd            Nullable(Float64),
    priced_provider     LowCardinality(String),
    priced_model        LowCardinality(String),
    batch               Bool,
    stream              Bool,
    max_tokens          Nullable(UInt64),
    temperature         Nullable(Float64),
    prompt_hash         String,
    prefix_hashes       Array(String),
    prefix_block_tokens UInt32,
    prompt              String CODEC(ZSTD(3)),
    user_id             String,
    session_id          String,
    feature             LowCardinality(String),
    app                 LowCardinality(String),
    environment         LowCardinality(String),
    tags                Array(String),
    metadata            Map(String, String),
    -- Lookups by id (findEventsById, support questions) skip the granules that cannot hold it.
    INDEX idx_event_id event_id TYPE bloom_filter(0.001) GRANULARITY 1
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(timestamp)
PRIMARY KEY (org_id, timestamp)
ORDER BY (org_id, timestamp, event_id);
