package org.leadscoring.crm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import org.leadscoring.crm.ProspectReport.Placement;
import org.leadscoring.history.ScoreHistory;
import org.leadscoring.scoring.ScoringResult;
import org.leadscoring.scoring.model.Qualification;
import org.leadscoring.store.ProspectRepository;
import org.leadscoring.store.StoredProspect;

/**
 * The last of the three steps ({@linkplain Assessor assess}, {@linkplain CrmWriter write}, record), taken only after a
 * write succeeded: remembers what was written to the person's record, where they now stand (their record,
 * qualification and arming), the score given ({@link ScoreHistory}: kept when it changed) and each challenger's score in
 * shadow ({@link ShadowScoring}: kept in the history only, marked, never raised, written or decided on), and raises one
 * {@link ProspectRecorded} per person, which hook deliveries observe. Everything of one call is recorded in one
 * transaction, or none of it. A person the service has never taken in (a Lead made in the CRM) has no history or
 * standing here; their event is raised all the same.
 */
@ApplicationScoped
public class Recorder {

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(Recorder.class);

    private final ProspectRepository prospects;
    private final ScoreHistory history;
    private final ConversionFollowUp followUps;
    private final Event<ProspectRecorded> recorded;
    private final ShadowScoring shadow;

    public Recorder(ProspectRepository prospects, ScoreHistory history, ConversionFollowUp followUps, Event<ProspectRecorded> recorded,
            ShadowScoring shadow) {
        this.prospects = prospects;
        this.history = history;
        this.followUps = followUps;
        this.recorded = recorded;
        this.shadow = shadow;
    }

    /** One person's decision carried out ({@code carried}), and where it came from. */
    public record Done(Assessment assessment, Carried carried, HookPayload.Origin origin) {

        ProspectReport report() {
            return ProspectReport.of(assessment.subject().email(), assessment.result(), carried.reasons(), carried.placement());
        }
    }

    /**
     * Records one person's decision carried out; {@code alsoRecord} runs in the same transaction (the intake's own
     * outcome), so the event is recorded with it or not at all. A conversion the CRM scheduled is followed up
     * ({@link ConversionFollowUp}) and recorded once done.
     */
    @Transactional
    public void record(Done done, Runnable alsoRecord) {
        alsoRecord.run();
        recordAll(List.of(done));
    }

    /** Records people re-scoring wrote or only re-scored, as {@link #record} does, in one transaction and one history batch. */
    @Transactional
    public void recordAll(List<Done> done) {
        List<ScoreHistory.Entry> given = new ArrayList<>();
        for (Done d : done) {
            Subject s = d.assessment().subject();
            remember(s, d.carried().written(), d.carried().newRecord());
            if (s.stored() != null) {
                ProspectReport report = d.report();
                given.add(ScoreHistory.Entry.of(report, d.assessment().result(), d.origin()));
                for (ScoringResult challenger : shadowScores(d.assessment())) {
                    given.add(ScoreHistory.Entry.shadow(report, challenger, d.origin()));
                }
            }
        }
        Set<String> moved = new HashSet<>();
        for (ScoreHistory.Added added : history.addChanged(given)) {
            if (!added.entry().shadow() && added.scoreOrGradeChanged()) {
                moved.add(added.entry().email());
            }
        }
        for (Done d : done) {
            Assessment a = d.assessment();
            ProspectReport report = d.report();
            standing(a.subject().stored(), report, a.edge());
            recorded.fire(new ProspectRecorded(report, a.result(), d.origin(), moved.contains(report.email()), a.edge().crossed(),
                    d.carried().converted()));
            if (d.carried().scheduledConversion() != null) {
                followUps.schedule(d.carried().placement().id(), d.carried().scheduledConversion(),
                        new PendingConversion(report, new Qualification.Edge(false, a.edge().armed()), d.origin()));
            }
        }
    }

    /**
     * The challengers' scores of a person, or none when scoring them failed: the CRM has been written, so what failed in
     * shadow must not roll back the record of it (the outbox would write the person again).
     */
    private List<ScoringResult> shadowScores(Assessment decided) {
        try {
            return shadow.of(decided);
        } catch (RuntimeException e) {
            LOG.warnf("No shadow score for a prospect: %s", e.getClass().getSimpleName());
            return List.of();
        }
    }

    /**
     * Records a conversion re-scoring made after its last page: done now, already done in the CRM, or scheduled by the
     * CRM as a job (then the person stays a Lead, and {@link ConversionFollowUp} records the conversion once it is done).
     */
    @Transactional
    public void converted(PendingConversion pending, Conversion c) {
        if (c.scheduledJobId() == null) {
            placed(pending.convertedTo(c.contactId(), c.leadId()), pending.edge(), !c.alreadyConverted(), pending.origin());
            return;
        }
        ProspectReport asLead = pending.report().placedAt(new Placement(RecordKind.LEADS.label(), c.leadId(), null));
        placed(asLead, pending.edge(), false, pending.origin());
        followUps.schedule(c.leadId(), c.scheduledJobId(), new PendingConversion(asLead, new Qualification.Edge(false, pending.edge().armed()),
                pending.origin()));
    }

    /** Records where a person decided earlier now stands (a conversion done later), with the report made then. */
    @Transactional
    public void placed(ProspectReport report, Qualification.Edge edge, boolean converted, HookPayload.Origin origin) {
        standing(null, report, edge);
        recorded.fire(new ProspectRecorded(report, null, origin, false, edge.crossed(), converted));
    }

    /**
     * Records where the person stands when it changed (always when what the service knew of them is not at hand):
     * their record, whether they are qualified, and the arming that makes qualification edge-triggered.
     */
    private void standing(StoredProspect known, ProspectReport report, Qualification.Edge edge) {
        if (known != null && known.qualifiedAs(report.qualified(), edge.armed())
                && (report.zohoId() == null || Objects.equals(known.zohoId(), report.zohoId()) && Objects.equals(known.zohoModule(), report.zohoModule()))
                && report.leadId() == null) {
            return;
        }
        prospects.recordStanding(new ProspectRepository.Standing(report.email(), report.zohoModule(), report.zohoId(), report.qualified(),
                edge.armed(), report.leadId()), Instant.now());
    }

    /**
     * Remembers what was just written to the person's record over what the subject says was written before (a new
     * record forgets the old one's); nothing for a person the service does not store, or when nothing changes.
     */
    private void remember(Subject s, Map<String, String> written, boolean newRecord) {
        if (s.stored() == null || written.isEmpty() && !newRecord) {
            return;
        }
        Map<String, String> all = new HashMap<>(newRecord ? Map.of() : s.written());
        all.putAll(written);
        prospects.recordWritten(s.email(), all);
    }
}
