-- The prospect fields the service last wrote to the person's Zoho record (JSON: field -> value as compared), so that
-- the field policy keep_edits can tell a correction made in Zoho from a value the service wrote itself.
ALTER TABLE prospect ADD COLUMN zoho_written TEXT;
