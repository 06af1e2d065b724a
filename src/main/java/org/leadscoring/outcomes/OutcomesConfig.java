package org.leadscoring.outcomes;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What sales did with the people the service sent, read back from the CRM ({@code leadscoring.outcomes.*}). */
@ConfigMapping(prefix = "leadscoring.outcomes")
public interface OutcomesConfig {

    /** {@code leadscoring.outcomes.cron}: when the outcome sync runs (Quartz cron; daily at 01:30 by default). */
    @WithDefault("0 30 1 * * ?")
    String cron();

    /** {@code leadscoring.outcomes.max-credits}: Zoho credits one sync may spend; past them it stops, and the next resumes. */
    @WithDefault("500")
    long maxCredits();

    /** {@code leadscoring.outcomes.junk-statuses}: {@code Lead_Status} values (actual values) that mark a Lead as junk. */
    @WithDefault("Junk Lead")
    List<String> junkStatuses();

    /** {@code leadscoring.outcomes.disqualified-statuses}: {@code Lead_Status} values that mark a Lead as not qualified. */
    @WithDefault("Not Qualified")
    List<String> disqualifiedStatuses();

    /** {@code leadscoring.outcomes.lost-statuses}: {@code Lead_Status} values that mark a Lead as lost. */
    @WithDefault("Lost Lead")
    List<String> lostStatuses();
}
