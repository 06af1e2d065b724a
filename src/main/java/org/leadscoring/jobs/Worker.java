package org.leadscoring.jobs;

/**
 * The worker of one {@link WorkItem.Kind} of queued work: the outbox's (intakes), the conversion follow-up's, the hook
 * deliveries'. The {@link Dispatcher} calls it when work of its kind is due; it claims and does that work as its kind
 * needs (in order per subject, as many at once as the CRM or the targets take).
 */
public interface Worker {

    /** The kind of work this worker does. */
    WorkItem.Kind kind();

    /** Does (or starts) the work of its kind that is due now. */
    void workDue();
}
