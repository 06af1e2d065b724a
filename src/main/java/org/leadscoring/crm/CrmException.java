package org.leadscoring.crm;

import java.time.Instant;

/**
 * A call to the CRM that failed as a whole, with what kind of failure it was ({@link Failure}), as the adapter read it:
 * whether waiting helps, whether the write may have happened, whether the data itself was refused, or met another
 * person's record. {@link #retryable()} is true for every kind but {@link Failure#DATA}, {@link Failure#SETUP} and
 * {@link Failure#CONFLICT}.
 */
public class CrmException extends RuntimeException {

    /** What a failure means for the work that met it. */
    public enum Failure {
        /** The CRM or the way to it failed for now (5xx, timeouts, unreachable, the circuit open): try again later. */
        PASSING,
        /** The CRM asked to slow down (Zoho: 429, the accounts server's {@code Access Denied}, the token limit): not before {@link #retryAt()}. */
        THROTTLED,
        /** A write whose answer was lost: it may have been done. Find out (look the person up) before writing again. */
        UNKNOWN_OUTCOME,
        /** The CRM refused the service itself (credentials, scope, permission, a query it does not take): wait for an operator. */
        SETUP,
        /** The CRM refused the record: the data is wrong, and sending it again will not help. */
        DATA,
        /** The record would take a unique value another person's record holds: nothing was written. */
        CONFLICT
    }

    private final CrmError error;
    private final Failure failure;
    private final Instant retryAt;

    public CrmException(CrmError error, Failure failure, Instant retryAt, Throwable cause) {
        super(error.toString(), cause);
        this.error = error;
        this.failure = failure;
        this.retryAt = retryAt;
    }

    public CrmException(CrmError error, Failure failure) {
        this(error, failure, null, null);
    }

    public CrmError error() {
        return error;
    }

    public Failure failure() {
        return failure;
    }

    /** When trying again may succeed: set for {@link Failure#THROTTLED}, else null (the caller's own backoff). */
    public Instant retryAt() {
        return retryAt;
    }

    /** The innermost cause's type, without its message (which may hold what was sent): for a failure's own message. */
    public static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    /** Whether the same call may succeed later without anyone changing the data or the setup. */
    public boolean retryable() {
        return failure != Failure.DATA && failure != Failure.SETUP && failure != Failure.CONFLICT;
    }
}
