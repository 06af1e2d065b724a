package org.leadscoring.crm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.leadscoring.crm.zoho.ZohoException;
import org.leadscoring.jobs.Backoff;
import org.leadscoring.crm.zoho.ZohoModule;
import org.leadscoring.crm.zoho.ZohoRecord;
import org.leadscoring.store.Database;
import org.leadscoring.store.Json;

import io.quarkus.scheduler.Scheduled;

/**
 * Follows up conversions Zoho accepted as a job ({@code 202 SCHEDULED}) rather than doing at once: until the Lead's
 * person is a Contact in Zoho the conversion is not recorded, and {@code lead.converted} is not raised. Checked
 * with one read by email, after {@code leadscoring.conversion-follow-up.first-check} (30 s) and then at doubling
 * intervals up to an hour; a job still not done after a day
 * is reported in the log, and followed up still.
 */
@ApplicationScoped
public class ConversionFollowUp {

    private static final Logger LOG = Logger.getLogger(ConversionFollowUp.class);
    /**
     * The job of a conversion whose answer was lost: Zoho may have done it, scheduled it, or not. Followed up like a job;
     * if no Contact has appeared after {@link #UNKNOWN_CHECKS} checks (some half an hour by default), it was not done,
     * and the Lead may be converted again.
     */
    public static final String UNKNOWN_JOB = "unknown (the answer was lost)";
    static final int UNKNOWN_CHECKS = 6;

    @Inject
    Database db;

    @Inject
    Json json;

    @Inject
    CrmWriter writer;

    @Inject
    Recorder recorder;

    @Inject
    org.leadscoring.config.LeadScoringConfig config;

    private record Due(String leadId, String email, String jobId, PendingConversion pending, int attempts, Instant createdAt) {
    }

    /** Remembers a conversion Zoho scheduled as {@code jobId}; a second one for the same Lead is ignored. */
    public void schedule(String leadId, String jobId, PendingConversion pending) {
        Instant now = Instant.now();
        db.update("INSERT INTO conversion_follow_up (lead_id, email, job_id, pending, next_check_at, created_at) "
                + "SELECT ?, ?, ?, ?, ?, ? FROM (VALUES (1)) AS one(x) WHERE NOT EXISTS (SELECT 1 FROM conversion_follow_up WHERE lead_id = ?)",
                leadId, pending.report().email(), jobId, json.write(pending), now.plus(config.conversionFollowUp().firstCheck()), now, leadId);
    }

    /** The job of a conversion of this Lead that Zoho scheduled and has not done yet, if any: it is not requested again. */
    public java.util.Optional<String> pendingJob(String leadId) {
        return db.query(1, "SELECT job_id FROM conversion_follow_up WHERE lead_id = ?", row -> row.text("job_id"), leadId).stream().findFirst();
    }

    /** Checks the conversions that are due; runs on a schedule and can be called directly. */
    @Scheduled(identity = "conversion-follow-up", executeWith = Scheduled.SIMPLE, every = "${leadscoring.conversion-follow-up.interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public void checkDue() {
        for (Due due : due(Instant.now())) {
            try {
                ZohoRecord record = writer.find(due.email()).orElse(null);
                if (record != null && record.module() == ZohoModule.CONTACTS) {
                    done(due, record.id());
                } else {
                    later(due);
                }
            } catch (ZohoException e) {
                LOG.warnf("Follow-up of the conversion of Lead %s postponed: Zoho failed (%s)", due.leadId(), e.getMessage());
                later(due);
            }
        }
    }

    @Transactional
    void done(Due due, String contactId) {
        if (db.update("DELETE FROM conversion_follow_up WHERE lead_id = ?", due.leadId()) == 1) {
            PendingConversion p = due.pending();
            recorder.placed(p.convertedTo(contactId, due.leadId()), p.edge(), true, p.origin());
            LOG.infof("Zoho's conversion job %s is done: Lead %s is Contact %s", due.jobId(), due.leadId(), contactId);
        }
    }

    private void later(Due due) {
        int attempts = due.attempts() + 1;
        if (UNKNOWN_JOB.equals(due.jobId()) && attempts >= UNKNOWN_CHECKS
                && db.update("DELETE FROM conversion_follow_up WHERE lead_id = ?", due.leadId()) == 1) {
            LOG.warnf("Lead %s: no Contact appeared after a conversion whose answer was lost; it was not done, and may be converted again",
                    due.leadId());
            return;
        }
        Backoff backoff = config.conversionFollowUp().backoff();
        Duration wait = backoff.after(attempts + 1);
        db.update("UPDATE conversion_follow_up SET attempts = ?, next_check_at = ? WHERE lead_id = ?", attempts,
                Instant.now().plus(wait), due.leadId());
        if (Duration.between(due.createdAt(), Instant.now()).compareTo(Duration.ofDays(1)) > 0 && wait.equals(backoff.longest()) && attempts % 24 == 0) {
            LOG.warnf("Zoho's conversion job %s for Lead %s has not finished after %s; check it in Zoho", due.jobId(), due.leadId(),
                    Duration.between(due.createdAt(), Instant.now()).toHours() + " hours");
        }
    }

    private List<Due> due(Instant now) {
        return db.query(100, "SELECT * FROM conversion_follow_up WHERE next_check_at <= ? ORDER BY next_check_at",
                row -> new Due(row.text("lead_id"), row.text("email"), row.text("job_id"), pending(row.text("pending")), row.integer("attempts"),
                        row.instant("created_at")), now);
    }

    private PendingConversion pending(String text) {
        return json.read(text, PendingConversion.class);
    }
}
