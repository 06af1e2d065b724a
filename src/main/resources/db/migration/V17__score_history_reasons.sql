-- The decision's reasons with each score given, so that a prospect's latest standing can be told in words.
ALTER TABLE score_history ADD COLUMN reasons VARCHAR(10000);
