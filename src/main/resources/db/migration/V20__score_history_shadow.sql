-- A challenger in shadow's scores: kept beside the decisions' own, marked, and never read as what decided.
ALTER TABLE score_history ADD COLUMN shadow BOOLEAN DEFAULT FALSE NOT NULL;
