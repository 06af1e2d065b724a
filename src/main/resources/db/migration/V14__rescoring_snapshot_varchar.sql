-- A Lead's stored fields as a character string, not a large object: H2 keeps TEXT as a CLOB, written to its own LOB
-- storage row by row, which made saving a page of 2,000 snapshots the costliest step of a re-scoring checkpoint.
-- 1,000,000 characters is H2's longest string; a Lead's mapped fields are far shorter (Zoho's longest field is 32,000).
ALTER TABLE rescoring_snapshot ALTER COLUMN fields SET DATA TYPE VARCHAR(1000000);
