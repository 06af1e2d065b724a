-- Re-scoring reads by COQL (keyset on id) or by listing pages: which reader a run used, its COQL cursor, and its
-- credits for reads and for writes apart.
ALTER TABLE rescoring_run ADD COLUMN reader VARCHAR(10) DEFAULT 'pages' NOT NULL;
ALTER TABLE rescoring_run ADD COLUMN cursor_after_id VARCHAR(40);
ALTER TABLE rescoring_run ADD COLUMN read_credits BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE rescoring_run ADD COLUMN write_credits BIGINT DEFAULT 0 NOT NULL;
