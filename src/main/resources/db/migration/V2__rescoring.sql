-- Re-scoring runs: progress and counts, the checkpoint to resume from, and each lead's outcome per run chain.

CREATE TABLE rescoring_run (
    id               VARCHAR(40)              NOT NULL PRIMARY KEY,
    chain_id         VARCHAR(40)              NOT NULL,
    state            VARCHAR(20)              NOT NULL,
    phase            VARCHAR(20)              NOT NULL,
    dry_run          BOOLEAN                  NOT NULL,
    model            VARCHAR(100),
    ruleset_version  VARCHAR(20),
    scoring_now      TIMESTAMP WITH TIME ZONE NOT NULL,
    trigger_kind     VARCHAR(20)              NOT NULL,
    cursor_page      INTEGER                  NOT NULL DEFAULT 1,
    cursor_token     VARCHAR(200),
    pages_done       INTEGER                  NOT NULL DEFAULT 0,
    scanned          INTEGER                  NOT NULL DEFAULT 0,
    unchanged        INTEGER                  NOT NULL DEFAULT 0,
    changed          INTEGER                  NOT NULL DEFAULT 0,
    converted        INTEGER                  NOT NULL DEFAULT 0,
    failed           INTEGER                  NOT NULL DEFAULT 0,
    calls            BIGINT                   NOT NULL DEFAULT 0,
    credits          BIGINT                   NOT NULL DEFAULT 0,
    message          TEXT,
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX rescoring_run_by_state ON rescoring_run (state, started_at);

CREATE TABLE rescoring_lead (
    chain_id         VARCHAR(40)              NOT NULL,
    lead_id          VARCHAR(40)              NOT NULL,
    run_id           VARCHAR(40)              NOT NULL,
    outcome          VARCHAR(20)              NOT NULL,
    email            VARCHAR(254),
    old_score        INTEGER,
    new_score        INTEGER,
    error            TEXT,
    PRIMARY KEY (chain_id, lead_id)
);

CREATE TABLE rescoring_lock (
    name             VARCHAR(40)              NOT NULL PRIMARY KEY,
    holder           VARCHAR(80),
    expires_at       TIMESTAMP WITH TIME ZONE
);
INSERT INTO rescoring_lock (name) VALUES ('rescoring');
