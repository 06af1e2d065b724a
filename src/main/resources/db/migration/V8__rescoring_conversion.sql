-- What re-scoring records once a Lead it decided to convert is converted: the prospect report and the qualification
-- edge at scoring time (JSON), so that the conversion phase raises the same hook payload as an intake does.
ALTER TABLE rescoring_lead ADD COLUMN conversion TEXT;
