package org.leadscoring.crm;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;
import org.leadscoring.jobs.Backoff;
import org.leadscoring.jobs.WorkItem;
import org.leadscoring.jobs.WorkQueue;
import org.leadscoring.jobs.Worker;
import org.leadscoring.store.Json;


/**
 * Follows up conversions Zoho accepted as a job ({@code 202 SCHEDULED}) rather than doing at once: until the Lead's
 * person is a Contact in Zoho the conversion is not recorded, and {@code lead.converted} is not raised. Checked
 * with one read by email, after {@code leadscoring.conversion-follow-up.first-check} (30 s) and then at doubling
 * intervals up to an hour; a job still not done after a day
 * is reported in the log, and followed up still.
 */
@ApplicationScoped
public class ConversionFollowUp implements Worker {

    private static final Logger LOG = Logger.getLogger(ConversionFollowUp.class);
    /**
     * The job of a conversion whose answer was lost: Zoho may have done it, scheduled it, or not. Followed up like a job;
     * if no Contact has appeared after {@link #UNKNOWN_CHECKS} checks (some half an hour by default), it was not done,
     * and the Lead may be converted again.
     */
    public static final String UNKNOWN_JOB = "unknown (the answer was lost)";
    static final int UNKNOWN_CHECKS = 6;
    private static final WorkItem.Kind KIND = WorkItem.Kind.CONVERSION;

    private final WorkQueue queue;
    private final Json json;
    private final CrmWriter writer;
    private final Recorder recorder;
    private final ConversionFollowUpConfig config;

    @Inject
    public ConversionFollowUp(WorkQueue queue, Json json, CrmWriter writer, Recorder recorder, ConversionFollowUpConfig config) {
        this.queue = queue;
        this.json = json;
        this.writer = writer;
        this.recorder = recorder;
        this.config = config;
    }

    private record Due(long id, String leadId, String email, String jobId, PendingConversion pending, int attempts, Instant createdAt) {
    }

    /** Remembers a conversion Zoho scheduled as {@code jobId}; a second one for the same Lead is ignored. */
    public void schedule(String leadId, String jobId, PendingConversion pending) {
        queue.addOnce(KIND, leadId, jobId, json.write(pending), Instant.now().plus(config.firstCheck()));
    }

    /** The job of a conversion of this Lead that Zoho scheduled and has not done yet, if any: it is not requested again. */
    public java.util.Optional<String> pendingJob(String leadId) {
        return queue.pendingFor(KIND, leadId).map(WorkItem::ref);
    }

    @Override
    public WorkItem.Kind kind() {
        return KIND;
    }

    /** Checks the conversions that are due. */
    @Override
    public void workDue() {
        for (Due due : due(Instant.now())) {
            try {
                CrmRecord record = writer.find(due.email()).orElse(null);
                if (record != null && record.module() == RecordKind.CONTACTS) {
                    done(due, record.id());
                } else {
                    later(due);
                }
            } catch (CrmException e) {
                LOG.warnf("Follow-up of the conversion of Lead %s postponed: Zoho failed (%s)", due.leadId(), e.getMessage());
                later(due);
            }
        }
    }

    @Transactional
    void done(Due due, String contactId) {
        if (queue.done(due.id())) {
            PendingConversion p = due.pending();
            recorder.placed(p.convertedTo(contactId, due.leadId()), p.edge(), true, p.origin());
            LOG.infof("Zoho's conversion job %s is done: Lead %s is Contact %s", due.jobId(), due.leadId(), contactId);
        }
    }

    private void later(Due due) {
        int attempts = due.attempts() + 1;
        if (UNKNOWN_JOB.equals(due.jobId()) && attempts >= UNKNOWN_CHECKS
                && queue.end(due.id(), attempts, "no Contact appeared: the conversion whose answer was lost was not done")) {
            LOG.warnf("Lead %s: no Contact appeared after a conversion whose answer was lost; it was not done, and may be converted again",
                    due.leadId());
            return;
        }
        Backoff backoff = config.backoff();
        Duration wait = backoff.after(attempts + 1);
        queue.retryLater(due.id(), attempts, Instant.now().plus(wait), null);
        if (Duration.between(due.createdAt(), Instant.now()).compareTo(Duration.ofDays(1)) > 0 && wait.equals(backoff.longest()) && attempts % 24 == 0) {
            LOG.warnf("Zoho's conversion job %s for Lead %s has not finished after %s; check it in Zoho", due.jobId(), due.leadId(),
                    Duration.between(due.createdAt(), Instant.now()).toHours() + " hours");
        }
    }

    private List<Due> due(Instant now) {
        return queue.due(KIND, now, 100).stream().map(w -> {
            PendingConversion pending = pending(w.payload());
            return new Due(w.id(), w.subject(), pending.report().email(), w.ref(), pending, w.attempts(), w.createdAt());
        }).toList();
    }

    private PendingConversion pending(String text) {
        return json.read(text, PendingConversion.class);
    }
}
