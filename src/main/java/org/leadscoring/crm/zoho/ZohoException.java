package org.leadscoring.crm.zoho;

import java.time.Instant;
import java.util.Set;

/**
 * A Zoho call that failed as a whole, with what kind of failure it was ({@link Failure}): whether waiting helps, whether
 * the write may have happened, and whether the data itself was refused. {@link #retryable()} is true for every kind but
 * {@link Failure#DATA} and {@link Failure#SETUP}.
 */
public class ZohoException extends RuntimeException {

    /** What a failure means for the work that met it. */
    public enum Failure {
        /** Zoho or the way to it failed for now (5xx, timeouts, unreachable, the circuit open): try again later. */
        PASSING,
        /** Zoho asked to slow down (429, the accounts server's {@code Access Denied}, the token limit): not before {@link #retryAt()}. */
        THROTTLED,
        /** A write whose answer was lost: it may have been done. Find out (look the person up) before writing again. */
        UNKNOWN_OUTCOME,
        /** Zoho refused the service itself (credentials, scope, permission, a query it does not take): wait for an operator. */
        SETUP,
        /** Zoho refused the record: the data is wrong, and sending it again will not help. */
        DATA
    }

    /** Codes with which Zoho says the record's data is wrong. */
    private static final Set<String> DATA_CODES = Set.of("INVALID_DATA", "MANDATORY_NOT_FOUND", "DUPLICATE_DATA", "DEPENDENT_FIELD_MISSING",
            "DEPENDENT_MISMATCH", "MULTIPLE_OR_MULTI_ERRORS", "MAPPING_MISMATCH", "NOT_APPROVED", "DUPLICATE_LINKING_DATA", "CONFLICT");

    private final ZohoError error;
    private final Failure failure;
    private final Instant retryAt;

    public ZohoException(ZohoError error, Failure failure, Instant retryAt, Throwable cause) {
        super(error.toString(), cause);
        this.error = error;
        this.failure = failure;
        this.retryAt = retryAt;
    }

    public ZohoException(ZohoError error, Failure failure) {
        this(error, failure, null, null);
    }

    /** Retryable: {@link Failure#PASSING}; otherwise {@link Failure#DATA} or {@link Failure#SETUP} by Zoho's code. */
    public ZohoException(ZohoError error, boolean retryable) {
        this(error, retryable ? Failure.PASSING : refusal(error), null, null);
    }

    public ZohoException(ZohoError error, boolean retryable, Throwable cause) {
        this(error, retryable ? Failure.PASSING : refusal(error), null, cause);
    }

    /** A refusal of the record ({@link Failure#DATA}) or of the service ({@link Failure#SETUP}), by Zoho's code. */
    static Failure refusal(ZohoError error) {
        return DATA_CODES.contains(error.code()) ? Failure.DATA : Failure.SETUP;
    }

    public ZohoError error() {
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
    static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName();
    }

    /** Whether the same call may succeed later without anyone changing the data or the setup. */
    public boolean retryable() {
        return failure != Failure.DATA && failure != Failure.SETUP;
    }
}
