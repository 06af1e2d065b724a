package org.leadscoring.intake;

/** What an intake answers: the HTTP status and the flat JSON object Zapier maps in later steps. */
public record IntakeAnswer(int httpStatus, String json) {
}
