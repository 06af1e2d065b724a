-- How many open Leads a run expects to scan, for "scanned of total" progress.
ALTER TABLE rescoring_run ADD COLUMN total INTEGER;
