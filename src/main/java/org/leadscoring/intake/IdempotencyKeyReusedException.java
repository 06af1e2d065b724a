package org.leadscoring.intake;

/** An Idempotency-Key that already named a request with another body: refused, so neither request is lost. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException(String firstIntake) {
        super("This Idempotency-Key was already used for a different request (intake " + firstIntake + "). Nothing was stored:"
                + " send a key that is unique to each record, such as the id of the form response that triggered the Zap");
    }
}
