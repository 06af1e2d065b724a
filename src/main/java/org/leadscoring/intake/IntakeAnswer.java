package org.leadscoring.intake;

/** What an intake answers: the HTTP status and the flat JSON object Zapier maps in later steps. */
public record IntakeAnswer(int httpStatus, String json) {

    /** The stored answer of an intake, with the status its state calls for: done 200, failed 502, in conflict 409, waiting 202. */
    static IntakeAnswer of(org.leadscoring.store.StoredIntake intake) {
        int status = switch (intake.status()) {
            case DONE, REJECTED -> 200;
            case FAILED -> 502;
            case CONFLICT -> 409;
            case PENDING, QUEUED -> 202;
        };
        return new IntakeAnswer(status, intake.responseJson());
    }
}
