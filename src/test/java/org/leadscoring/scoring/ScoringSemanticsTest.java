package org.leadscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.leadscoring.scoring.ruleset.CompiledModel;
import org.leadscoring.scoring.ruleset.RuleSetBuilder;
import org.leadscoring.scoring.ruleset.RuleSetRegistry;

/** How rule metadata and the model turn fired rules into scores: decay, limits per rule, floors, caps, routing. */
class ScoringSemanticsTest {

    static final Instant NOW = Instant.parse("2026-11-01T00:00:00Z");
    static final Prospect SMALL = Prospect.ofEmail("ann@acme.com");

    @TempDir
    static Path dir;
    static CompiledModel model;

    @BeforeAll
    static void load() {
        Fixtures.copy("semantics", dir);
        RuleSetRegistry registry = new RuleSetRegistry(dir.resolve("rules"), dir.resolve("scoring-models"), new RuleSetBuilder("sem", 1000), Duration.ZERO);
        assertThat(registry.reload().problems()).isEmpty();
        model = registry.current().orElseThrow().model("sem").orElseThrow();
    }

    static Activity daysAgo(String type, int days) {
        return new Activity(type, NOW.minus(Duration.ofDays(days)));
    }

    @Test
    void givenHalfLife_whenActivityAges_thenPointsHalvePerHalfLife() {
        ScoreCard card = model.evaluate(SMALL, List.of(daysAgo("email_click", 10)), NOW).scoreCard();

        assertThat(card.engagement()).isEqualTo(5);
        assertThat(card.contributions()).singleElement().satisfies(c -> assertThat(c.reason()).contains("10 → 5").contains("half-life 10 days"));
    }

    @Test
    void givenMax_whenRuleMatchesMoreOften_thenStrongestCountAndRestAreNamed() {
        ScoreCard card = model.evaluate(SMALL, List.of(daysAgo("email_click", 20), daysAgo("email_click", 0), daysAgo("email_click", 10)), NOW)
                .scoreCard();

        assertThat(card.engagement()).isEqualTo(15); // 10 (today) + 5 (10 days); the 20-day-old click is not counted
        assertThat(card.contributions()).hasSize(3)
                .anySatisfy(c -> assertThat(c.reason()).contains("1 more not counted").contains("at most 2"));
    }

    @Test
    void givenWindow_whenActivityOlderThanWindow_thenZeroButStillExplained() {
        Activity old = new Activity("web_form", NOW.minus(Duration.ofDays(31)), Map.of("form", "contact-sales"), 0);
        ScoreCard card = model.evaluate(SMALL, List.of(old), NOW).scoreCard();

        assertThat(card.engagement()).isZero();
        assertThat(card.contributions()).singleElement().satisfies(c -> assertThat(c.points()).isZero());
    }

    @Test
    void givenActivityProperties_whenRuleTestsThem_thenOnlyMatchingActivityScores() {
        Activity sales = new Activity("web_form", NOW, Map.of("form", "contact-sales"), 0);
        Activity newsletter = new Activity("web_form", NOW, Map.of("form", "newsletter"), 0);

        assertThat(model.evaluate(SMALL, List.of(sales, newsletter), NOW).scoreCard().engagement()).isEqualTo(30);
    }

    @Test
    void givenDaysAgoInRule_whenActivityOlder_thenRuleDoesNotFire() {
        assertThat(model.evaluate(SMALL, List.of(daysAgo("pricing_page_visit", 3)), NOW).scoreCard().engagement()).isEqualTo(7);
        assertThat(model.evaluate(SMALL, List.of(daysAgo("pricing_page_visit", 8)), NOW).scoreCard().engagement()).isNull();
    }

    @Test
    void givenCapAndFloor_whenExceeded_thenAdjustmentIsAContributionAndSumsHold() {
        Prospect big = Prospect.builder("bo@big.com").employeeCount(5000).build();
        ScoreCard card = model.evaluate(big, List.of(daysAgo("unsubscribe", 1)), NOW).scoreCard();

        assertThat(card.fit()).isEqualTo(100);
        assertThat(card.engagement()).isZero();
        assertThat(card.contributions()).anySatisfy(c -> {
            assertThat(c.rule()).isEqualTo("fit cap");
            assertThat(c.points()).isEqualTo(-20);
        }).anySatisfy(c -> {
            assertThat(c.rule()).isEqualTo("engagement floor");
            assertThat(c.points()).isEqualTo(50);
        });
        for (Axis axis : Axis.values()) {
            int sum = card.contributions().stream().filter(c -> c.axis() == axis).mapToInt(Contribution::points).sum();
            assertThat(sum).isEqualTo(axis == Axis.FIT ? card.fit() : card.engagement());
        }
        assertThat(card.total()).isEqualTo(100);
        assertThat(card.grade()).isEqualTo("HOT");
        assertThat(card.qualified()).isTrue();
    }

    @Test
    void givenNothingMatches_thenUnscoredNotZero() {
        ScoreCard card = model.evaluate(SMALL, List.of(), NOW).scoreCard();

        assertThat(card.fit()).isNull();
        assertThat(card.engagement()).isNull();
        assertThat(card.total()).isNull();
        assertThat(card.grade()).isNull();
        assertThat(card.qualified()).isFalse();
    }

    @Test
    void givenRejectRouting_whenEvenQualified_thenRejected() {
        Prospect rival = Prospect.builder("x@rival.example").employeeCount(5000).build();
        Evaluation e = model.evaluate(rival, List.of(), NOW);

        assertThat(e.scoreCard().qualified()).isTrue();
        Decision d = model.decide(e, ExistingRecord.LEAD);
        assertThat(d.action()).isEqualTo(DecisionAction.REJECT);
        assertThat(d.reasons()).singleElement().asString().contains("Competitor domain");
    }

    @Test
    void givenSameInputs_thenSameScoreCard() {
        List<Activity> acts = List.of(daysAgo("email_click", 3), daysAgo("email_click", 1), daysAgo("pricing_page_visit", 2));
        assertThat(model.evaluate(SMALL, acts, NOW)).isEqualTo(model.evaluate(SMALL, List.of(acts.get(2), acts.get(1), acts.get(0)), NOW));
    }
}
