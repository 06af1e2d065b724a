package org.leadscoring.rescoring;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The periodic re-scoring of open Leads, under {@code rescoring.*}. */
@ConfigMapping(prefix = "rescoring")
public interface RescoringConfig {

    /** {@code rescoring.enabled}: whether the schedule runs (on-demand runs always can). */
    @WithDefault("true")
    boolean enabled();

    /** {@code rescoring.cron}: when the scheduled run starts (Quartz cron, default 02:00 every night). */
    @WithDefault("0 0 2 * * ?")
    String cron();

    /**
     * {@code rescoring.full-cron}: when a full run reads every open Lead whatever the nightly incremental runs found
     * (Quartz cron, default 03:00 every Sunday).
     */
    @WithDefault("0 0 3 ? * SUN")
    String fullCron();

    /** {@code rescoring.max-credits}: Zoho API credits one run may spend; it stops cleanly there and the next run continues. */
    @WithDefault("20000")
    long maxCredits();

    /**
     * {@code rescoring.reader}: {@code coql} reads 2,000 open Leads a call in id order; {@code pages} lists pages of
     * {@code rescoring.page-size}. A run falls back to pages when Zoho refuses its query.
     */
    @WithDefault("coql")
    RunReader reader();

    /** {@code rescoring.page-size}: leads read per call by the {@code pages} reader (at most 200). */
    @WithDefault("200")
    int pageSize();

    /** {@code rescoring.query-size}: leads read per call by the {@code coql} reader (at most 2,000; 3 credits a call above 1,000). */
    @WithDefault("2000")
    int querySize();

    /**
     * {@code rescoring.min-score-change}: a Lead whose score moved by less than this (decay, mostly) is not rewritten,
     * unless its grade changed or it now qualifies. 1, the default, rewrites every change.
     */
    @WithDefault("1")
    int minScoreChange();

    /** {@code rescoring.on-rules-change}: start a run whenever a new rule set is loaded. */
    @WithDefault("false")
    boolean onRulesChange();
}
