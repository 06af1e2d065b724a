-- The lease that keeps a background run one at a time across instances (jobs/Lease) serves the outcome sync too.
ALTER TABLE rescoring_lock RENAME TO job_lease;
INSERT INTO job_lease (name) VALUES ('outcome-sync');
