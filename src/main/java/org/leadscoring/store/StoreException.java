package org.leadscoring.store;

/** The database failed; the request cannot be accepted (nothing half-written stays: the transaction rolls back). */
public class StoreException extends RuntimeException {

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
