-- An Idempotency-Key names one request: the hash of what it carried tells a replay from a reuse with another body.
ALTER TABLE intake ADD COLUMN request_hash VARCHAR(64);
