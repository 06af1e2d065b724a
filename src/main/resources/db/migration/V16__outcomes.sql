-- Outcomes read back from Zoho: what sales did with the people the service sent (conversions, Lead_Status marks,
-- deals won and lost), per prospect with the Zoho ids, and the syncs that read them (resumable like re-scoring).
CREATE TABLE outcome (
    email            VARCHAR(254)             NOT NULL PRIMARY KEY,
    lead_id          VARCHAR(40),
    lead_status      VARCHAR(120),
    status_kind      VARCHAR(20),
    contact_id       VARCHAR(40),
    converted_at     TIMESTAMP WITH TIME ZONE,
    converted_by     VARCHAR(200),
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX outcome_by_contact ON outcome (contact_id);

CREATE TABLE outcome_deal (
    deal_id          VARCHAR(40)              NOT NULL PRIMARY KEY,
    email            VARCHAR(254)             NOT NULL,
    contact_id       VARCHAR(40),
    stage            VARCHAR(120),
    forecast_type    VARCHAR(20),
    amount           DECIMAL(18, 2),
    closing_date     DATE,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX outcome_deal_by_email ON outcome_deal (email);

CREATE TABLE outcome_sync (
    id               VARCHAR(40)              NOT NULL PRIMARY KEY,
    state            VARCHAR(20)              NOT NULL,
    trigger_kind     VARCHAR(20)              NOT NULL,
    since            TIMESTAMP WITH TIME ZONE,
    module           VARCHAR(20)              NOT NULL,
    after_id         VARCHAR(40),
    calls            BIGINT                   NOT NULL DEFAULT 0,
    credits          BIGINT                   NOT NULL DEFAULT 0,
    leads            INTEGER                  NOT NULL DEFAULT 0,
    contacts         INTEGER                  NOT NULL DEFAULT 0,
    deals            INTEGER                  NOT NULL DEFAULT 0,
    message          VARCHAR(2000),
    started_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    chain_started_at TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at      TIMESTAMP WITH TIME ZONE
);
CREATE INDEX outcome_sync_by_start ON outcome_sync (started_at);
