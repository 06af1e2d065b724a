package org.leadscoring.outcomes;

/** An outcome sync was asked for while another is going on. */
public class SyncInProgressException extends RuntimeException {

    public SyncInProgressException(String syncId) {
        super("sync " + syncId + " is in progress");
    }
}
