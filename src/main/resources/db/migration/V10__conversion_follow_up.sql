-- Conversions Zoho accepted as a job (202 SCHEDULED) instead of doing at once: checked until the Lead has become a
-- Contact, then recorded (and lead.converted raised) as a conversion done at once would have been.
CREATE TABLE conversion_follow_up (
    lead_id         VARCHAR(40)              PRIMARY KEY,
    email           VARCHAR(254)             NOT NULL,
    job_id          VARCHAR(40),
    pending         TEXT                     NOT NULL,
    attempts        INTEGER                  NOT NULL DEFAULT 0,
    next_check_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX conversion_follow_up_due ON conversion_follow_up (next_check_at);
