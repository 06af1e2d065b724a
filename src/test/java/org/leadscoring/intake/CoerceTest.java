package org.leadscoring.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.junit.jupiter.api.Test;

/** How the dates forms send become times, and what is refused (flags and numbers: FormValuesTest). */
class CoerceTest {

    @Test
    void givenTimes_thenIsoDatesAndEpochsAreRead_withinTheRange() {
        assertThat(Coerce.instant("2026-11-30T10:15:00Z")).isEqualTo(Instant.parse("2026-11-30T10:15:00Z"));
        assertThat(Coerce.instant(1_764_497_700L)).isEqualTo(Instant.ofEpochSecond(1_764_497_700L));
        assertThatThrownBy(() -> Coerce.instant("2300-01-01")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> Coerce.instant("99999-01-01")).hasMessageContaining("is not a date");
        assertThatThrownBy(() -> Coerce.instant(Long.MIN_VALUE)).hasMessageContaining("out of range");
    }

    @Test
    void givenLongText_thenMessagesRepeatOnlyAShortPrefix() {
        String sent = "x".repeat(10_000);
        assertThatThrownBy(() -> Coerce.instant(sent)).satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }
}
