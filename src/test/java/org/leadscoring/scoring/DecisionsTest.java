package org.leadscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.model.Qualification;

/** The Lead/Contact decision table: what the CRM holds, and whether the person qualified, routed or was rejected. */
class DecisionsTest {

    static final Qualification Q = new Qualification(40, 30, null, 10);

    static Evaluation evaluation(boolean qualified, List<String> contactRoutes, List<String> rejectRoutes) {
        ScoreCard card = new ScoreCard(qualified ? 50 : 20, qualified ? 40 : 5, qualified ? 90 : 25, "C", qualified, List.of(), Instant.EPOCH);
        return new Evaluation(card, contactRoutes, rejectRoutes, List.of());
    }

    static DecisionAction decide(boolean qualified, List<String> contact, List<String> reject, ExistingRecord existing) {
        return Decisions.decide(evaluation(qualified, contact, reject), Q, existing).action();
    }

    @Test
    void givenEachRowOfTheTable_thenItsAction() {
        List<String> none = List.of();
        List<String> purchase = List.of("Purchased");
        List<String> spam = List.of("Test entry");
        // qualified?, contact route, reject route, existing → action
        assertThat(decide(false, none, none, ExistingRecord.NONE)).isEqualTo(DecisionAction.CREATE_LEAD);
        assertThat(decide(true, none, none, ExistingRecord.NONE)).isEqualTo(DecisionAction.CREATE_CONTACT);
        assertThat(decide(false, purchase, none, ExistingRecord.NONE)).isEqualTo(DecisionAction.CREATE_CONTACT);
        assertThat(decide(false, none, none, ExistingRecord.LEAD)).isEqualTo(DecisionAction.UPDATE_LEAD);
        assertThat(decide(true, none, none, ExistingRecord.LEAD)).isEqualTo(DecisionAction.CONVERT_LEAD);
        assertThat(decide(false, purchase, none, ExistingRecord.LEAD)).isEqualTo(DecisionAction.CONVERT_LEAD);
        assertThat(decide(false, none, none, ExistingRecord.CONTACT)).isEqualTo(DecisionAction.UPDATE_CONTACT);
        assertThat(decide(true, purchase, none, ExistingRecord.CONTACT)).isEqualTo(DecisionAction.UPDATE_CONTACT);
        // A reject route wins over everything, even a qualified person who bought.
        assertThat(decide(true, purchase, spam, ExistingRecord.LEAD)).isEqualTo(DecisionAction.REJECT);
        assertThat(decide(false, none, spam, ExistingRecord.NONE)).isEqualTo(DecisionAction.REJECT);
    }

    @Test
    void givenANotYetQualifiedLead_thenTheReasonsSayWhatEachAxisNeeds() {
        Decision d = Decisions.decide(evaluation(false, List.of(), List.of()), Q, ExistingRecord.LEAD);
        assertThat(d.reasons()).containsExactly("Existing Lead stays a Lead", "Not qualified yet: fit 20 (needs 40), engagement 5 (needs 30)");
    }

    @Test
    void givenTheQualificationEdge_thenOnceAtTheLine_andAgainOnlyAfterFallingTheHysteresisBelowIt() {
        Qualification.Edge first = Q.edge(true, 45, 35, null);
        Qualification.Edge stillQualified = Q.edge(first.armed(), 50, 40, null);
        Qualification.Edge justBelow = Q.edge(stillQualified.armed(), 35, 40, null);
        Qualification.Edge backUp = Q.edge(justBelow.armed(), 45, 40, null);
        Qualification.Edge wellBelow = Q.edge(backUp.armed(), 25, 40, null);
        Qualification.Edge again = Q.edge(wellBelow.armed(), 45, 40, null);

        assertThat(List.of(first, stillQualified, justBelow, backUp, wellBelow, again)).extracting(Qualification.Edge::crossed)
                .containsExactly(true, false, false, false, false, true);
    }
}
