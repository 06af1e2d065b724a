package org.leadscoring.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How prospects are taken in from Zapier, under {@code leadscoring.intake.*}. */
@ConfigMapping(prefix = "leadscoring.intake")
public interface IntakeConfig {

    /**
     * {@code leadscoring.intake.aliases.<field>}: more names a form may use for a field, comma-separated
     * ({@code leadscoring.intake.aliases.company=Firma,Organisation}), on top of the built-in ones.
     */
    Map<String, List<String>> aliases();

    /** {@code leadscoring.intake.default-activity}: the activity a prospect intake records when it names none. */
    @WithDefault("web_form")
    String defaultActivity();

    /** {@code leadscoring.intake.zoho-budget}: how long an intake waits for Zoho before answering "queued". */
    @WithDefault("15s")
    Duration zohoBudget();

    /** {@code leadscoring.intake.replay-window}: how long the same payload without an Idempotency-Key counts as a replay. */
    @WithDefault("24h")
    Duration replayWindow();

    /** {@code leadscoring.intake.model}: the model intakes are scored with; the default model when not set. */
    Optional<String> model();
}
