-- Incremental re-scoring: the fields of each open Lead as last read (so a Lead Zoho has not modified need not be read
-- again), and what a run covered and why.
CREATE TABLE rescoring_snapshot (
    lead_id          VARCHAR(40)              NOT NULL PRIMARY KEY,
    email            VARCHAR(254)             NOT NULL,
    fields           TEXT                     NOT NULL,
    read_at          TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX rescoring_snapshot_by_email ON rescoring_snapshot (email);

ALTER TABLE rescoring_run ADD COLUMN mode VARCHAR(12) DEFAULT 'full' NOT NULL;
ALTER TABLE rescoring_run ADD COLUMN mode_reason VARCHAR(300);
ALTER TABLE rescoring_run ADD COLUMN modified_since TIMESTAMP WITH TIME ZONE;
ALTER TABLE rescoring_run ADD COLUMN candidates INTEGER;
