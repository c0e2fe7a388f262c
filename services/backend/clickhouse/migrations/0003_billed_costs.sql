-- Billed cost: the lines of the providers' cost exports (OpenAI Costs API and dashboard cost CSV,
-- Anthropic cost report) in US dollars, per organization × day × provider × model × project × line
-- item, reconciled against the usage Netra priced (modules/billing).
--
-- line_key identifies a line by everything its export groups it by (bucket start, model, line item,
-- project or workspace, token type, tier, …), never by its amount: a re-uploaded export replaces its
-- own lines (ReplacingMergeTree keeps the newest ingested_at; reads use FINAL), and two distinct
-- lines of one day never collapse into one.
CREATE TABLE IF NOT EXISTS {{database}}.billed_costs
(
    org_id        LowCardinality(String),
    day           Date,
    line_key      String,
    provider      LowCardinality(String),
    -- As the bill names it; '' when the export is not itemised by model.
    model         LowCardinality(String),
    -- The catalog's id for that model ('' when the catalog does not know it), the key usage is matched on.
    priced_model  LowCardinality(String),
    line_item     String,
    project_id    String,
    amount_usd    Float64,
    period_start  DateTime64(3, 'UTC'),
    period_end    Nullable(DateTime64(3, 'UTC')),
    source        LowCardinality(String),
    attributes    Map(String, String),
    ingested_at   DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY toYYYYMM(day)
ORDER BY (org_id, day, provider, line_key);
