package org.leadscoring.api;

/** A body over {@code leadscoring.limits.max-body-bytes} that arrived without a length (in chunks). */
public class BodyTooLargeException extends RuntimeException {

    public BodyTooLargeException(long max) {
        super("The body is larger than " + max + " bytes (leadscoring.limits.max-body-bytes)");
    }
}
