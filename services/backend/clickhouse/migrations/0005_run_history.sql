-- The execution history of agent runs (modules/runs): one row per step, written when a run ends, for
-- how agents behave over time (durations, failures, events, which worker ran a step). PostgreSQL
-- keeps the run itself; this is the analytical copy. A run resumed after a crash writes its rows once,
-- at its end; ReplacingMergeTree keeps one row per (org, run, step) should a write be repeated.
CREATE TABLE IF NOT EXISTS {{database}}.run_history
(
    org_id       LowCardinality(String),
    run_id       String,
    thread_id    String,
    step_index   UInt16,
    agent        LowCardinality(String),
    ok           Bool,
    error_code   LowCardinality(String),
    started_at   DateTime64(3, 'UTC'),
    ended_at     DateTime64(3, 'UTC'),
    duration_ms  Float64,
    events       UInt32,
    workflow     LowCardinality(String),
    run_status   LowCardinality(String),
    worker       String,
    written_at   DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(written_at)
PARTITION BY toYYYYMM(started_at)
ORDER BY (org_id, run_id, step_index);
