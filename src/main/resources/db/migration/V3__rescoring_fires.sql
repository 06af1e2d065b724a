-- One run per scheduled firing across instances: the firing claimed last, and which instance ran each run.
ALTER TABLE rescoring_lock ADD COLUMN last_fire TIMESTAMP WITH TIME ZONE;
ALTER TABLE rescoring_run ADD COLUMN instance VARCHAR(80);
ALTER TABLE rescoring_run ADD COLUMN scheduled_for TIMESTAMP WITH TIME ZONE;
