package org.leadscoring.scoring.ruleset.language;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What completion and the rule builder offer is exactly what the rule language accepts. */
class VocabularyTest {

    @Test
    void theAnnotationsAreTheRuleLanguages() {
        assertThat(Vocabulary.current().annotations()).extracting(Vocabulary.Annotation::name).containsExactlyInAnyOrderElementsOf(RuleLanguage.ANNOTATIONS);
    }

    @Test
    void thePropertiesAreTheFactsOwn() {
        for (FactType fact : FactType.values()) {
            assertThat(Vocabulary.current().facts()).filteredOn(f -> f.name().equals(fact.simpleName())).singleElement()
                    .satisfies(f -> assertThat(f.properties()).extracting(Vocabulary.Property::name).containsExactlyElementsOf(fact.properties().keySet()));
        }
    }
}
