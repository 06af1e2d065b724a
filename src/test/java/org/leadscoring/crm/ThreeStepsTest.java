package org.leadscoring.crm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.NotificationOptions;
import jakarta.enterprise.inject.Vetoed;
import jakarta.enterprise.util.TypeLiteral;

import org.junit.jupiter.api.Test;
import org.leadscoring.crm.zoho.DryRunZohoCrm;
import org.leadscoring.crm.zoho.ZohoFields;
import org.leadscoring.history.ScoreHistory;
import org.leadscoring.scoring.Axis;
import org.leadscoring.scoring.Contribution;
import org.leadscoring.scoring.Decision;
import org.leadscoring.scoring.DecisionAction;
import org.leadscoring.scoring.ExistingRecord;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ScoreCard;
import org.leadscoring.scoring.ScoringEngine;
import org.leadscoring.scoring.ScoringResult;
import org.leadscoring.scoring.model.Qualification;
import org.leadscoring.store.ProspectRepository;
import org.leadscoring.store.StoredProspect;

/**
 * The three steps every path takes, each on its own with fakes (no Quarkus, no database): the {@link Assessor} decides
 * and writes nothing, the {@link CrmWriter} writes and records nothing, the {@link Recorder} records what it is given and
 * raises one {@link ProspectRecorded} per person. The fakes that extend the service's beans are {@link Vetoed}, so that
 * the Quarkus tests, which index these classes too, never see them as beans.
 */
class ThreeStepsTest {

    static final Instant NOW = Instant.parse("2026-11-01T12:00:00Z");
    static final Qualification QUALIFICATION = new Qualification(40, 30, null, 10);
    static final Prospect ANN = Prospect.builder("ann@acme.com").firstName("Ann").lastName("Lee").company("Acme").title("VP Sales").build();

    // ---- assess ------------------------------------------------------------------------------------------------------

    @Test
    void givenAPersonWhoQualifiesWhileArmed_thenTheEdgeIsCrossed_andANewPersonNeedsNoChanges() {
        FakeEngine engine = new FakeEngine(result(DecisionAction.CREATE_CONTACT, 50, 40));
        Assessment a = new Assessor(ZohoFields.mapping(), engine).assess(new Subject(ANN.email(), stored(true, false), List.of(), null), "b2b", NOW);

        assertThat(a.edge()).isEqualTo(new Qualification.Edge(true, false));
        assertThat(a.changes()).isEmpty();
        assertThat(engine.existing).isEqualTo(ExistingRecord.NONE);
        assertThat(a.standingChanges()).as("qualified and disarmed now").isTrue();
    }

    @Test
    void givenARejectedPerson_thenNoQualification_whateverTheirScore_andTheArmingKept() {
        Assessment a = new Assessor(ZohoFields.mapping(), new FakeEngine(result(DecisionAction.REJECT, 90, 90)))
                .assess(new Subject(ANN.email(), stored(true, false), List.of(), null), "b2b", NOW);

        assertThat(a.edge()).isEqualTo(new Qualification.Edge(false, true));
    }

    @Test
    void givenAnExistingLead_thenScoredAsOne_andItsChangesAreTheFieldsItLacks() {
        FakeEngine engine = new FakeEngine(result(DecisionAction.UPDATE_LEAD, 20, 10));
        CrmRecord lead = new CrmRecord(RecordKind.LEADS, "L1", ANN.email(), Map.of("Email", ANN.email(), "Last_Name", "Lee", "Lead_Score", 5));

        Assessment a = new Assessor(ZohoFields.mapping(), engine).assess(new Subject(ANN.email(), stored(true, false), List.of(), lead), null, NOW);

        assertThat(engine.existing).isEqualTo(ExistingRecord.LEAD);
        assertThat(a.changes()).containsEntry("Lead_Score", 30).containsKey("Lead_Grade");
        assertThat(a.standingChanges()).isFalse();
    }

    // ---- write -------------------------------------------------------------------------------------------------------

    @Test
    void givenANewLead_thenCreatedWithItsFields_andWhatWasWrittenIsAnswered() {
        FakeCrm crm = new FakeCrm();
        Assessment a = assessment(DecisionAction.CREATE_LEAD, null);

        Carried c = writer(crm).carryOut(a);

        assertThat(c.placement().module()).isEqualTo("Leads");
        assertThat(c.placement().id()).startsWith("dry-run-");
        assertThat(c.newRecord()).isTrue();
        assertThat(c.written()).containsEntry("last_name", "Lee").containsEntry("company", "Acme");
        assertThat(crm.creates).isEqualTo(1);
    }

    @Test
    void givenACreateThatMeetsAnotherPersonsRecord_thenAConflictNamingTheField_andNothingWrittenIntoIt() {
        FakeCrm crm = new FakeCrm();
        crm.duplicateOf = "C-other";
        CrmWriter writer = writer(crm);

        assertThatThrownBy(() -> writer.carryOut(assessment(DecisionAction.CREATE_LEAD, null))).isInstanceOfSatisfying(CrmException.class,
                e -> assertThat(e.failure() + " " + e.error().code() + " " + e.error().message()).startsWith("CONFLICT CONFLICT").contains("Phone").contains("C-other"));
        assertThat(crm.updates).as("no write into the other record").isZero();
        assertThat(writer.conflicts()).isEqualTo(1);
    }

    @Test
    void givenRescoredChanges_thenOneOutcomePerRecordInOrder_withoutWorkflows() {
        FakeCrm crm = new FakeCrm();
        CrmRecord l1 = new CrmRecord(RecordKind.LEADS, "L1", "a@acme.com", Map.of());
        CrmRecord l2 = new CrmRecord(RecordKind.LEADS, "L2", "b@acme.com", Map.of());
        List<Assessment> batch = List.of(assessment(DecisionAction.UPDATE_LEAD, l1), assessment(DecisionAction.UPDATE_LEAD, l2));

        List<RecordOutcome> outcomes = writer(crm).writeChanges(RecordKind.LEADS, batch);

        assertThat(outcomes).extracting(RecordOutcome::id).containsExactly("L1", "L2");
        assertThat(crm.workflows).containsExactly(false);
    }

    // ---- record ------------------------------------------------------------------------------------------------------

    @Test
    void givenPeopleWritten_thenEachIsRecordedOnce_scoreChangedOnlyWhereTheScoreMoved_andStandingOnlyWhereItChanged() {
        FakeProspects prospects = new FakeProspects();
        FakeHistory history = new FakeHistory();
        history.latest.put("moved@acme.com", entry("moved@acme.com", 10));
        history.latest.put("same@acme.com", entry("same@acme.com", 30));
        RecordedEvents events = new RecordedEvents();
        Recorder recorder = new Recorder(prospects, history, new FakeFollowUps(), events, ShadowScoring.NONE);

        recorder.recordAll(List.of(done("moved@acme.com", stored(true, false), DecisionAction.UPDATE_LEAD, 30, new Qualification.Edge(false, true)),
                done("same@acme.com", stored(true, false), DecisionAction.UPDATE_LEAD, 30, new Qualification.Edge(false, true)),
                done("first@acme.com", stored(true, false), DecisionAction.UPDATE_LEAD, 30, new Qualification.Edge(false, true)),
                done("qualifies@acme.com", stored(true, false), DecisionAction.UPDATE_LEAD, 30, new Qualification.Edge(true, false))));

        assertThat(events.fired).extracting(e -> e.report().email()).containsExactly("moved@acme.com", "same@acme.com", "first@acme.com",
                "qualifies@acme.com");
        assertThat(events.fired).filteredOn(ProspectRecorded::scoreChanged).extracting(e -> e.report().email()).containsExactly("moved@acme.com");
        assertThat(events.fired).filteredOn(ProspectRecorded::qualified).extracting(e -> e.report().email()).containsExactly("qualifies@acme.com");
        assertThat(history.added).extracting(ScoreHistory.Entry::email).containsExactly("moved@acme.com", "first@acme.com", "qualifies@acme.com");
        assertThat(prospects.standings).extracting(ProspectRepository.Standing::email).containsExactly("qualifies@acme.com");
    }

    @Test
    void givenAChallengerInShadow_thenItsScoreIsOnlyKeptInTheHistory_markedShadow_andNothingElseFollowsIt() {
        FakeProspects prospects = new FakeProspects();
        FakeHistory history = new FakeHistory();
        history.latest.put("moved@acme.com", entry("moved@acme.com", 10));
        RecordedEvents events = new RecordedEvents();
        // The challenger would qualify everyone and make Contacts of them.
        List<Assessment> shadowed = new ArrayList<>();
        ShadowScoring challenger = a -> {
            shadowed.add(a);
            ScoreCard card = new ScoreCard(90, 90, 180, "A", true, List.of(new Contribution("Title", Axis.FIT, 90, "t")), a.card().scoredAt());
            return List.of(new ScoringResult("b2b-next", "v1", card, new Decision(DecisionAction.CREATE_CONTACT, List.of("would"))));
        };
        Recorder recorder = new Recorder(prospects, history, new FakeFollowUps(), events, challenger);

        recorder.recordAll(List.of(done("moved@acme.com", stored(true, false), DecisionAction.UPDATE_LEAD, 30, new Qualification.Edge(false, true)),
                done("same@acme.com", stored(true, false), DecisionAction.UPDATE_LEAD, 30, new Qualification.Edge(false, true))));

        assertThat(shadowed).extracting(a -> a.subject().email()).containsExactly("moved@acme.com", "same@acme.com");
        assertThat(history.added).filteredOn(ScoreHistory.Entry::shadow).extracting(ScoreHistory.Entry::email, ScoreHistory.Entry::model,
                ScoreHistory.Entry::decision, ScoreHistory.Entry::total, ScoreHistory.Entry::zohoId)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("moved@acme.com", "b2b-next", "create_contact", 180, "L-moved@acme.com"),
                        org.assertj.core.groups.Tuple.tuple("same@acme.com", "b2b-next", "create_contact", 180, "L-same@acme.com"));
        assertThat(history.added).filteredOn(e -> !e.shadow()).extracting(ScoreHistory.Entry::model, ScoreHistory.Entry::decision)
                .containsOnly(org.assertj.core.groups.Tuple.tuple("b2b", "update_lead"));
        // One event per person, as the champion decided: not qualified, not a Contact, the score moved only where the champion's did.
        assertThat(events.fired).extracting(e -> e.report().decision()).containsExactly("update_lead", "update_lead");
        assertThat(events.fired).noneMatch(ProspectRecorded::qualified);
        assertThat(events.fired).filteredOn(ProspectRecorded::scoreChanged).extracting(e -> e.report().email()).containsExactly("moved@acme.com");
        assertThat(prospects.standings).isEmpty();
    }

    @Test
    void givenAChallengerThatFails_thenTheDecisionIsRecordedAsIfThereWereNone() {
        FakeHistory history = new FakeHistory();
        RecordedEvents events = new RecordedEvents();
        ShadowScoring failing = a -> {
            throw new IllegalStateException("the challenger's rule set is gone");
        };
        Recorder recorder = new Recorder(new FakeProspects(), history, new FakeFollowUps(), events, failing);

        recorder.recordAll(List.of(done("first@acme.com", stored(true, false), DecisionAction.UPDATE_LEAD, 30, new Qualification.Edge(false, true))));

        assertThat(history.added).extracting(ScoreHistory.Entry::email, ScoreHistory.Entry::shadow)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("first@acme.com", false));
        assertThat(events.fired).extracting(e -> e.report().email()).containsExactly("first@acme.com");
    }

    @Test
    void givenAConversionTheCrmScheduled_thenFollowedUp_andNotYetConverted() {
        FakeFollowUps followUps = new FakeFollowUps();
        RecordedEvents events = new RecordedEvents();
        Recorder recorder = new Recorder(new FakeProspects(), new FakeHistory(), followUps, events, ShadowScoring.NONE);
        Assessment a = assessment(DecisionAction.CONVERT_LEAD, new CrmRecord(RecordKind.LEADS, "L9", ANN.email(), Map.of()));
        Carried scheduled = new Carried(new ProspectReport.Placement("Leads", "L9", null), false, List.of("scheduled"), Map.of(), false, "job-1");

        recorder.record(new Recorder.Done(a, scheduled, HookPayload.Origin.intake("i-1")), () -> { });

        assertThat(followUps.scheduled).containsExactly("L9:job-1");
        assertThat(events.fired).singleElement().satisfies(e -> assertThat(e.converted()).isFalse());
    }

    @Test
    void givenAConversionDoneLater_thenPlacedAsAContact_andConvertedRaised() {
        FakeProspects prospects = new FakeProspects();
        RecordedEvents events = new RecordedEvents();
        Recorder recorder = new Recorder(prospects, new FakeHistory(), new FakeFollowUps(), events, ShadowScoring.NONE);
        ProspectReport report = ProspectReport.of(ANN.email(), result(DecisionAction.CONVERT_LEAD, 50, 40), List.of(), ProspectReport.Placement.NONE);

        recorder.converted(new PendingConversion(report, new Qualification.Edge(true, false), HookPayload.Origin.rescoring("run1", "L9")),
                new Conversion("L9", "C9", null, null, false, null));

        assertThat(prospects.standings).singleElement().satisfies(s -> assertThat(s.zohoId() + " from " + s.convertedLead()).isEqualTo("C9 from L9"));
        assertThat(events.fired).singleElement().satisfies(e -> assertThat(e.converted() && e.qualified()).isTrue());
    }

    // ---- fakes and values --------------------------------------------------------------------------------------------

    static ScoringResult result(DecisionAction action, int fit, int engagement) {
        int total = fit + engagement;
        ScoreCard card = new ScoreCard(fit, engagement, total, total >= 80 ? "B" : "D", fit >= 40 && engagement >= 30,
                List.of(new Contribution("Title", Axis.FIT, fit, "t"), new Contribution("Webinar", Axis.ENGAGEMENT, engagement, "w")), NOW);
        return new ScoringResult("b2b", "v1", card, new Decision(action, List.of("because")));
    }

    static StoredProspect stored(boolean armed, boolean qualified) {
        return new StoredProspect(ANN.email(), ANN, null, null, qualified, armed, null, Map.of());
    }

    static Assessment assessment(DecisionAction action, CrmRecord record) {
        String email = record == null ? ANN.email() : record.email();
        return new Assessment(new Subject(email, stored(true, false), List.of(), record), ANN, result(action, 20, 10), new Qualification.Edge(false, true),
                record == null ? Map.of() : Map.of("Lead_Score", 30));
    }

    static Recorder.Done done(String email, StoredProspect stored, DecisionAction action, int engagement, Qualification.Edge edge) {
        StoredProspect s = new StoredProspect(email, stored.prospect(), "Leads", "L-" + email, stored.qualified(), stored.armed(), null, Map.of());
        ScoringResult r = result(action, 20, engagement - 20 < 0 ? 0 : engagement - 20);
        if (edge.crossed()) {
            r = result(action, 50, 40);
        }
        Assessment a = new Assessment(new Subject(email, s, List.of(), null), s.prospect(), r, edge, Map.of());
        return new Recorder.Done(a, Carried.updated(new ProspectReport.Placement("Leads", "L-" + email, null), List.of("because"), Map.of()),
                HookPayload.Origin.rescoring("run1", "L-" + email));
    }

    static ScoreHistory.Entry entry(String email, int total) {
        return new ScoreHistory.Entry(email, NOW, "intake", "i", null, "b2b", "v1", null, 20, total - 20, total, "D", false, "update_lead", "", List.of(),
                "Leads", "L-" + email, false);
    }

    static CrmWriter writer(Crm crm) {
        return new CrmWriter(crm, ZohoFields.mapping(), new FakeFollowUps());
    }

    /** An engine that answers one result and notes what the person was to the CRM. */
    @Vetoed
    static final class FakeEngine extends ScoringEngine {
        final ScoringResult result;
        ExistingRecord existing;

        FakeEngine(ScoringResult result) {
            super(null, null, null, null);
            this.result = result;
        }

        @Override
        public ScoringResult score(Prospect prospect, List<org.leadscoring.scoring.Activity> activities, String model, ExistingRecord existing,
                Instant now) {
            this.existing = existing;
            return result;
        }

        @Override
        public Qualification qualification(String model) {
            return QUALIFICATION;
        }
    }

    /** The dry-run adapter, counting writes, and meeting another person's record on create when told to. */
    static final class FakeCrm implements Crm {
        final DryRunZohoCrm dry = new DryRunZohoCrm();
        int creates;
        int updates;
        String duplicateOf;
        final List<Boolean> workflows = new ArrayList<>();

        @Override
        public boolean dryRun() {
            return true;
        }

        @Override
        public Crm chargedTo(CreditBudget budget) {
            return this;
        }

        @Override
        public int callsAtOnce() {
            return 1;
        }

        @Override
        public long writeCredits(int records) {
            return dry.writeCredits(records);
        }

        @Override
        public int queryCredits(int rows) {
            return dry.queryCredits(rows);
        }

        @Override
        public int maxQueryRows() {
            return dry.maxQueryRows();
        }

        @Override
        public Optional<CrmRecord> findByEmail(String email, Map<RecordKind, List<String>> fields) {
            return dry.findByEmail(email, fields);
        }

        @Override
        public RecordOutcome create(RecordKind module, Map<String, Object> fields) {
            creates++;
            if (duplicateOf != null) {
                return RecordOutcome.failed(RecordOutcome.Result.DUPLICATE, new CrmError(400, "DUPLICATE_DATA", "duplicate data", "Phone", duplicateOf, null));
            }
            return dry.create(module, fields);
        }

        @Override
        public List<RecordOutcome> update(RecordKind module, List<Map<String, Object>> records, boolean triggerWorkflows) {
            updates++;
            workflows.add(triggerWorkflows);
            return dry.update(module, records, triggerWorkflows);
        }

        @Override
        public Conversion convert(String leadId, ConvertOptions options) {
            return dry.convert(leadId, options);
        }

        @Override
        public RecordPage openLeads(List<String> fields, RecordPage.Cursor cursor, int perPage) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RecordPage openLeadsByQuery(List<String> fields, RecordPage.Cursor cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public RecordPage modifiedSince(RecordKind module, List<String> fields, Instant since, RecordPage.Cursor cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public OutcomeFact.Page outcomesModifiedSince(RecordKind kind, Instant since, RecordPage.Cursor cursor, int limit) {
            throw new UnsupportedOperationException();
        }

        @Override
        public long countOpenLeads() {
            throw new UnsupportedOperationException();
        }

        @Override
        public CrmUsage usage() {
            return dry.usage();
        }
    }

    @Vetoed
    static final class FakeFollowUps extends ConversionFollowUp {
        final List<String> scheduled = new ArrayList<>();

        FakeFollowUps() {
            super(null, null, null, null, null);
        }

        @Override
        public void schedule(String leadId, String jobId, PendingConversion pending) {
            scheduled.add(leadId + ":" + jobId);
        }

        @Override
        public Optional<String> pendingJob(String leadId) {
            return Optional.empty();
        }
    }

    @Vetoed
    static final class FakeProspects extends ProspectRepository {
        final List<Standing> standings = new ArrayList<>();
        final Map<String, Map<String, String>> written = new HashMap<>();

        FakeProspects() {
            super(null, null);
        }

        @Override
        public void recordStanding(Standing s, Instant now) {
            standings.add(s);
        }

        @Override
        public void recordWritten(String email, Map<String, String> fields) {
            written.put(email, fields);
        }
    }

    /** A history that keeps entries whose score, grade or qualification moved, as the real one does. */
    @Vetoed
    static final class FakeHistory extends ScoreHistory {
        final Map<String, Entry> latest = new HashMap<>();
        final List<Entry> added = new ArrayList<>();

        FakeHistory() {
            super(null, null);
        }

        @Override
        public List<Added> addChanged(Collection<Entry> entries) {
            List<Added> out = new ArrayList<>();
            for (Entry e : entries) {
                String line = e.shadow() ? e.email() + "|" + e.model() : e.email();
                Entry previous = latest.get(line);
                if (previous == null || !Objects.equals(previous.total(), e.total()) || !Objects.equals(previous.grade(), e.grade())
                        || previous.qualified() != e.qualified()) {
                    out.add(new Added(e, previous));
                    added.add(e);
                    latest.put(line, e);
                }
            }
            return out;
        }
    }

    static final class RecordedEvents implements Event<ProspectRecorded> {
        final List<ProspectRecorded> fired = new ArrayList<>();

        @Override
        public void fire(ProspectRecorded event) {
            fired.add(event);
        }

        @Override
        public <U extends ProspectRecorded> CompletionStage<U> fireAsync(U event) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends ProspectRecorded> CompletionStage<U> fireAsync(U event, NotificationOptions options) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Event<ProspectRecorded> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends ProspectRecorded> Event<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends ProspectRecorded> Event<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }
    }
}
