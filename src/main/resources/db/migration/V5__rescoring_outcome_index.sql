-- A run's failed, converted and to-convert leads are read by outcome; without this index every read scanned all
-- of the chain's leads (100,000 rows for a large run).
CREATE INDEX rescoring_lead_by_outcome ON rescoring_lead (chain_id, outcome, lead_id);
