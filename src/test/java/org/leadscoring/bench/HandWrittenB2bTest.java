package org.leadscoring.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.leadscoring.bench.SampleProspects.Sample;
import org.leadscoring.scoring.Evaluation;
import org.leadscoring.scoring.ruleset.CompiledModel;

/** The engine benchmark's baseline is only fair if it scores exactly like the shipped rules. */
class HandWrittenB2bTest {

    static CompiledModel drools;
    static HandWrittenB2b java;

    @BeforeAll
    static void load() {
        drools = ShippedModel.b2b();
        java = new HandWrittenB2b(drools);
    }

    @Test
    void givesTheSameEvaluationsAsTheShippedRulesOnGeneratedProspects() {
        List<Sample> samples = SampleProspects.generate(5_000, 7);
        Set<String> fired = new HashSet<>();
        for (Sample s : samples) {
            Evaluation byDrools = drools.evaluate(s.prospect(), s.activities(), SampleProspects.NOW);
            Evaluation byJava = java.evaluate(s.prospect(), s.activities(), SampleProspects.NOW);
            assertThat(byJava).as("%s with %s", s.prospect(), s.activities()).isEqualTo(byDrools);
            fired.addAll(byDrools.firedRules());
        }
        // Every shipped rule fired on some sample, so the comparison covered them all.
        assertThat(fired).containsExactlyInAnyOrderElementsOf(drools.rules().keySet());
    }

    @Test
    void samplesAreTheSameForTheSameSeed() {
        assertThat(SampleProspects.generate(50, 3)).isEqualTo(SampleProspects.generate(50, 3))
                .isNotEqualTo(SampleProspects.generate(50, 4));
    }
}
