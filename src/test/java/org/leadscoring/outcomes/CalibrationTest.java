package org.leadscoring.outcomes;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;
import org.leadscoring.scoring.Axis;
import org.leadscoring.scoring.Contribution;

/**
 * The calibration counts only prospects whose outcome is known: a prospect the CRM was never read for is not a
 * prospect who was not won. The model's caps and floors are listed as what they are, not as rules.
 */
class CalibrationTest {

    static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");
    static final Contribution WEBINAR = new Contribution("Attended a webinar", Axis.ENGAGEMENT, 15, "webinar");
    static final Contribution FLOOR = new Contribution(Contribution.floor(Axis.FIT), Axis.FIT, 5, "the model's floor");

    static Calibration.Subject subject(int i, int total, String grade, Calibration.Result result, Contribution... fired) {
        return new Calibration.Subject("p" + i + "@acme.com", AT, total, grade, false, List.of(fired), result);
    }

    static Calibration.Result known(boolean won) {
        return new Calibration.Result(true, won, AT, won, won, false, false, won ? BigDecimal.TEN : BigDecimal.ZERO);
    }

    @Test
    void givenNoOutcomeKnown_thenNoRateNoLiftAndNoAuc_althoughProspectsWereScored() {
        List<Calibration.Subject> subjects = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            subjects.add(subject(i, i, i < 20 ? "A" : "B", Calibration.Result.NONE, WEBINAR));
        }
        Calibration.Report report = Calibration.of(subjects, OptionalInt.empty());

        assertThat(report.prospects()).isEqualTo(40);
        assertThat(report.withOutcome()).isZero();
        assertThat(report.overall().winRate().value()).as("not 0%: nothing is known").isNull();
        assertThat(report.grades()).allSatisfy(g -> {
            assertThat(g.prospects()).isEqualTo(20);
            assertThat(g.withOutcome()).isZero();
            assertThat(g.winRate().value()).isNull();
            assertThat(g.tooFew()).isTrue();
        });
        assertThat(report.rules()).singleElement().satisfies(r -> {
            assertThat(r.fired()).isEqualTo(40);
            assertThat(r.firedWithOutcome()).isZero();
            assertThat(r.winRateFired().value()).isNull();
            assertThat(r.lift()).isNull();
        });
        assertThat(report.auc()).isNull();
        assertThat(report.deciles()).isEmpty();
    }

    @Test
    void givenSomeOutcomesKnown_thenRatesCountOnlyThose_andFloorsAreNotRules() {
        List<Calibration.Subject> subjects = new ArrayList<>();
        // 30 known in grade A (12 won), 30 never read in grade A, 20 known in grade B (2 won).
        for (int i = 0; i < 30; i++) {
            subjects.add(subject(i, 80, "A", known(i < 12), WEBINAR));
        }
        for (int i = 30; i < 60; i++) {
            subjects.add(subject(i, 80, "A", Calibration.Result.NONE, WEBINAR, FLOOR));
        }
        for (int i = 60; i < 80; i++) {
            subjects.add(subject(i, 20, "B", known(i < 62)));
        }
        Calibration.Report report = Calibration.of(subjects, OptionalInt.empty());

        assertThat(report.withOutcome()).isEqualTo(50);
        Calibration.Band a = report.grades().stream().filter(g -> g.band().equals("A")).findFirst().orElseThrow();
        assertThat(a.prospects()).isEqualTo(60);
        assertThat(a.withOutcome()).isEqualTo(30);
        assertThat(a.winRate().value()).as("12 of the 30 known, not of all 60").isEqualTo(0.4);
        assertThat(a.winRate().prospects()).isEqualTo(30);
        assertThat(report.overall().winRate().value()).isEqualTo(14 / 50.0);

        assertThat(report.rules()).extracting(Calibration.RuleLift::rule).containsExactly("Attended a webinar");
        Calibration.RuleLift webinar = report.rules().get(0);
        assertThat(webinar.fired()).isEqualTo(60);
        assertThat(webinar.firedWithOutcome()).isEqualTo(30);
        assertThat(webinar.winRateFired().value()).isEqualTo(0.4);
        assertThat(webinar.winRateNotFired().value()).isEqualTo(0.1);
        assertThat(webinar.lift().value()).isEqualTo(4.0);
        assertThat(report.adjustments()).containsExactly(new Calibration.Adjustment("fit floor", 30));
        // Every known customer scored 80 or 20: the AUC over the known only (the 30 unknown at 80 would otherwise count as non-customers).
        assertThat(report.auc().value()).isEqualTo(auc(12, 18, 2, 18));
    }

    /** The AUC of two score levels: high scorers won/not won against low scorers won/not won (ties count half). */
    private static double auc(int highWon, int highNot, int lowWon, int lowNot) {
        double pairs = (highWon + lowWon) * (double) (highNot + lowNot);
        double above = highWon * (double) lowNot + 0.5 * (highWon * (double) highNot + lowWon * (double) lowNot);
        return Math.round(above / pairs * 10000) / 10000.0;
    }
}
