package org.leadscoring.crm.zoho;

/**
 * A Zoho call that failed as a whole. {@link #retryable()} says whether trying later may succeed (rate limits,
 * outages, timeouts) or not (bad data, missing permissions, bad credentials).
 */
public class ZohoException extends RuntimeException {

    private final ZohoError error;
    private final boolean retryable;

    public ZohoException(ZohoError error, boolean retryable) {
        super(error.toString());
        this.error = error;
        this.retryable = retryable;
    }

    public ZohoException(ZohoError error, boolean retryable, Throwable cause) {
        super(error.toString(), cause);
        this.error = error;
        this.retryable = retryable;
    }

    public ZohoError error() {
        return error;
    }

    public boolean retryable() {
        return retryable;
    }
}
