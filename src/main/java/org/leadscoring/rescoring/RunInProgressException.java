package org.leadscoring.rescoring;

/** A re-scoring run is already going on (here or on another instance): one run at a time. */
public class RunInProgressException extends RuntimeException {

    public RunInProgressException(String message) {
        super(message);
    }
}
