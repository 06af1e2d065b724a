package org.leadscoring.rescoring;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.leadscoring.crm.Assessment;
import org.leadscoring.crm.Assessor;
import org.leadscoring.crm.Carried;
import org.leadscoring.crm.CreditBudget;
import org.leadscoring.crm.Crm;
import org.leadscoring.crm.CrmException;
import org.leadscoring.crm.CrmRecord;
import org.leadscoring.crm.CrmWriter;
import org.leadscoring.crm.FieldMapping;
import org.leadscoring.crm.HookPayload;
import org.leadscoring.crm.PendingConversion;
import org.leadscoring.crm.ProspectReport;
import org.leadscoring.crm.RecordKind;
import org.leadscoring.crm.RecordOutcome;
import org.leadscoring.crm.Recorder;
import org.leadscoring.crm.Subject;
import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.DecisionAction;
import org.leadscoring.store.Json;
import org.leadscoring.store.ProspectRepository;
import org.leadscoring.store.StoredProspect;

/**
 * Re-scores one batch of open Leads for a run in the three steps every path takes: has the {@link Assessor} assess each
 * (its fields as read or stored, the activities stored here, the run's moment), the {@link CrmWriter} write the changed
 * ones a hundred a call without firing workflows, and the {@link Recorder} record — only then, and only those written
 * (or whose qualification moved with nothing to write) — the people the service took in. Answers each Lead's outcome
 * and the Leads as they now stand in Zoho. Leads the chain has handled are skipped.
 */
@ApplicationScoped
public class LeadScorer {

    private final RunRepository runs;
    private final FieldMapping mapping;
    private final ProspectRepository prospects;
    private final Assessor assessor;
    private final CrmWriter writer;
    private final Crm crm;
    private final Recorder recorder;
    private final Json json;
    private final RescoringConfig config;

    @Inject
    LeadScorer(RunRepository runs, FieldMapping mapping, ProspectRepository prospects, Assessor assessor, CrmWriter writer, Crm crm,
            Recorder recorder, Json json, RescoringConfig config) {
        this.runs = runs;
        this.mapping = mapping;
        this.prospects = prospects;
        this.assessor = assessor;
        this.writer = writer;
        this.crm = crm;
        this.recorder = recorder;
        this.json = json;
        this.config = config;
    }

    /** What a batch counted, added to the run's counts once the batch's checkpoint is saved. */
    static final class Tally {
        int scanned;
        int unchanged;
        int changed;
        int failed;
    }

    /**
     * A batch scored, its writes still to make: each Lead's outcome, the changes to write, the people whose
     * qualification moved with nothing to write ({@code scoredOnly}, recorded with the writes), each Lead as read.
     */
    record Assessed(List<LeadOutcome> outcomes, List<Assessment> updates, List<Assessment> scoredOnly, Map<String, CrmRecord> standing,
            Tally tally, long writeCredits) {
    }

    /**
     * What a batch came to: each Lead's outcome, each Lead as Zoho now holds it (read fields plus what was written),
     * the Leads Zoho no longer has (a write refused on their id: deleted since they were read), and its counts.
     */
    record Scored(List<LeadOutcome> outcomes, List<CrmRecord> standing, List<String> gone, Tally tally) {
    }

    /**
     * Scores and writes {@code leads}.
     *
     * @throws CreditBudget.Exhausted when the budget does not afford the batch's writes; none is made
     */
    Scored score(RunProgress p, List<CrmRecord> leads) {
        Assessed a = assess(p, leads);
        try (CreditBudget.Reserved writes = p.budget.reserve(a.writeCredits())) {
            return write(p, a, writes.allowance());
        }
    }

    /** Scores {@code leads} and says what to write; writes nothing to Zoho. */
    Assessed assess(RunProgress p, List<CrmRecord> leads) {
        Tally tally = new Tally();
        Set<String> done = runs.handled(p.chainId(), leads.stream().map(CrmRecord::id).toList());
        List<String> emails = leads.stream().map(CrmRecord::emailKey).filter(java.util.Objects::nonNull).distinct().toList();
        Map<String, StoredProspect> locals = prospects.byEmail(emails);
        Map<String, List<Activity>> activities = prospects.activities(emails);
        List<LeadOutcome> outcomes = new ArrayList<>();
        List<Assessment> updates = new ArrayList<>();
        List<Assessment> scoredOnly = new ArrayList<>();
        Map<String, CrmRecord> standing = new HashMap<>();
        for (CrmRecord lead : leads) {
            if (done.contains(lead.id()) || lead.email() == null) {
                continue;
            }
            tally.scanned++;
            standing.put(lead.id(), lead);
            try {
                String email = lead.emailKey();
                outcomes.add(rescore(p, tally, lead, locals.get(email), activities.getOrDefault(email, List.of()), updates, scoredOnly));
            } catch (CrmException | CreditBudget.Exhausted e) {
                throw e;
            } catch (RuntimeException e) {
                // One Lead the rules cannot score (a looping rule …) is reported and skipped.
                tally.failed++;
                outcomes.add(new LeadOutcome(lead.id(), lead.email(), LeadOutcome.Kind.FAILED, null, null, String.valueOf(e.getMessage())));
            }
        }
        // The most writing this batch can cost: what write must run within (nothing for a dry run).
        return new Assessed(outcomes, updates, scoredOnly, standing, tally, p.dryRun() ? 0 : crm.writeCredits(updates.size()));
    }

    /**
     * Writes what {@code a} changed, then records the people the service took in whose write succeeded (and those whose
     * qualification moved with nothing to write); a Lead whose write the CRM refused is not recorded. A batch is written
     * whole or not at all: the caller {@linkplain CreditBudget#reserve reserves} {@link Assessed#writeCredits} before the
     * first write goes out, and the writes are charged to what it set aside, {@code reserved}.
     */
    Scored write(RunProgress p, Assessed a, CreditBudget reserved) {
        CrmWriter charged = writer.chargedTo(reserved);
        List<LeadOutcome> outcomes = new ArrayList<>(a.outcomes());
        Map<String, CrmRecord> standing = new HashMap<>(a.standing());
        List<Recorder.Done> done = new ArrayList<>();
        List<String> gone = write(charged, p, a.updates(), outcomes, standing, a.tally(), done);
        standing.keySet().removeAll(gone);
        if (!p.dryRun()) {
            a.scoredOnly().forEach(scored -> done.add(done(p, scored, Map.of())));
            recorder.recordAll(done);
        }
        return new Scored(outcomes, List.copyOf(standing.values()), gone, a.tally());
    }

    /**
     * A Lead of a person the service took in, recorded once its writes ({@code written}, possibly none) are done. A Lead to
     * convert qualifies when it is converted (its conversion is recorded then), not when its scores are written.
     */
    private Recorder.Done done(RunProgress p, Assessment a, Map<String, String> written) {
        String leadId = a.subject().record().id();
        Assessment recorded = a.action() == DecisionAction.CONVERT_LEAD ? a.qualifyingLater() : a;
        return new Recorder.Done(recorded, Carried.updated(new ProspectReport.Placement(RecordKind.LEADS.label(), leadId, null),
                a.result().decision().reasons(), written), HookPayload.Origin.rescoring(p.id(), leadId));
    }

    private LeadOutcome rescore(RunProgress p, Tally tally, CrmRecord lead, StoredProspect local, List<Activity> activities, List<Assessment> updates,
            List<Assessment> scoredOnly) {
        String email = lead.emailKey();
        RescoringRun.Settings settings = p.settings();
        Assessment a = assessor.assess(new Subject(email, local, activities, lead), settings.model(), settings.scoringNow());
        p.rulesetVersion = a.result().rulesetVersion();
        Integer oldScore = number(lead.fields().get(mapping.apiName(RecordKind.LEADS, "score")));
        Integer newScore = a.card().total();
        boolean changes = !a.changes().isEmpty() && !negligible(a, oldScore, newScore);
        if (changes) {
            updates.add(a);
        }
        if (a.action() == DecisionAction.CONVERT_LEAD) {
            ProspectReport report = ProspectReport.of(email, a.result(), a.result().decision().reasons(),
                    new ProspectReport.Placement(RecordKind.CONTACTS.label(), null, lead.id()));
            return new LeadOutcome(lead.id(), email, LeadOutcome.Kind.TO_CONVERT, oldScore, newScore, null,
                    json.write(new PendingConversion(report, a.edge(), HookPayload.Origin.rescoring(p.id(), lead.id()))));
        }
        if (!changes && a.standingChanges()) {
            // Decay re-arms a prospect for a new qualification, as a lower score from an intake would: recorded with the
            // batch's writes, after them.
            scoredOnly.add(a);
        }
        if (changes) {
            tally.changed++;
            return new LeadOutcome(lead.id(), email, p.dryRun() ? LeadOutcome.Kind.WOULD_CHANGE : LeadOutcome.Kind.CHANGED, oldScore, newScore, null);
        }
        tally.unchanged++;
        return new LeadOutcome(lead.id(), email, LeadOutcome.Kind.UNCHANGED, oldScore, newScore, null);
    }

    /**
     * Whether a Lead's changes are only its score moving by less than {@code rescoring.min-score-change}, with its grade
     * as it was and no conversion to make: then it is not rewritten.
     */
    private boolean negligible(Assessment a, Integer oldScore, Integer newScore) {
        if (config.minScoreChange() <= 1 || a.action() == DecisionAction.CONVERT_LEAD || oldScore == null || newScore == null) {
            return false;
        }
        return scoreFields().containsAll(a.changes().keySet()) && Math.abs(newScore - oldScore) < config.minScoreChange();
    }

    private Set<String> scoreFields;

    /** The Leads' score fields other than the grade, by API name: the changes a negligible score move may consist of. */
    private Set<String> scoreFields() {
        if (scoreFields == null) {
            scoreFields = java.util.stream.Stream.of("score", "fit_score", "engagement_score", "explanation")
                    .map(f -> mapping.apiName(RecordKind.LEADS, f)).filter(java.util.Objects::nonNull).collect(java.util.stream.Collectors.toUnmodifiableSet());
        }
        return scoreFields;
    }

    /** Writes the changes, adding those written of people the service took in to {@code done}; answers the ids Zoho refused as unknown. */
    private List<String> write(CrmWriter charged, RunProgress p, List<Assessment> updates, List<LeadOutcome> outcomes, Map<String, CrmRecord> standing,
            Tally tally, List<Recorder.Done> done) {
        List<String> gone = new ArrayList<>();
        if (p.dryRun() || updates.isEmpty()) {
            return gone;
        }
        List<RecordOutcome> results = charged.writeChanges(RecordKind.LEADS, updates);
        for (int i = 0; i < results.size(); i++) {
            Assessment a = updates.get(i);
            CrmRecord lead = a.subject().record();
            if (results.get(i).success()) {
                if (a.subject().stored() != null) {
                    done.add(done(p, a, charged.written(RecordKind.LEADS, a)));
                }
                Map<String, Object> fields = new HashMap<>(lead.fields());
                fields.putAll(a.changes());
                standing.put(lead.id(), new CrmRecord(lead.module(), lead.id(), lead.email(), fields));
                continue;
            }
            if (results.get(i).result() == RecordOutcome.Result.GONE) {
                gone.add(lead.id());
            }
            for (int j = 0; j < outcomes.size(); j++) {
                LeadOutcome o = outcomes.get(j);
                if (o.leadId().equals(lead.id())) {
                    if (o.outcome() == LeadOutcome.Kind.CHANGED) {
                        tally.changed--;
                    }
                    tally.failed++;
                    outcomes.set(j, o.failed(results.get(i).error().toString()));
                }
            }
        }
        return gone;
    }

    private static Integer number(Object v) {
        if (v == null) {
            return null;
        }
        try {
            return new java.math.BigDecimal(v.toString()).intValue();
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
