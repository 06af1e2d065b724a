package org.leadscoring.jobs;

import java.time.Instant;

/**
 * A piece of background work in the {@link WorkQueue}: its kind, whose work it is ({@code subject}), what it is about
 * ({@code ref}), what its worker needs ({@code payload}, JSON), how often it was tried, when it is due, why the last
 * attempt failed, and when it was added.
 */
public record WorkItem(long id, Kind kind, String subject, String ref, String payload, int attempts, Instant dueAt, String lastError,
        Instant createdAt) {

    /** The kinds of work, each with its worker. Stored as their lower-case names. */
    public enum Kind {
        /** An accepted intake's CRM work (subject: the person's email; ref: the intake): in order per person. */
        INTAKE,
        /** A conversion the CRM scheduled as a job (subject: the Lead; ref: the job; payload: the pending conversion). */
        CONVERSION,
        /** A hook event to deliver to one subscription (subject: the subscription; ref: the event): in order per subscription. */
        HOOK_DELIVERY
    }
}
