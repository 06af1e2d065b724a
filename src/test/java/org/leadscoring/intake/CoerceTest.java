package org.leadscoring.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/** How the values forms send become the prospect's numbers, flags and times, and what is refused. */
class CoerceTest {

    @Test
    void givenCompanySizes_thenBandsTakeTheirMiddle_andSeparatorsAreRead() {
        assertThat(Coerce.integer("51-200")).isEqualTo(125);
        assertThat(Coerce.integer("10 to 49")).isEqualTo(29);
        assertThat(Coerce.integer("1,000+")).isEqualTo(1000);
        assertThat(Coerce.integer("1 200")).isEqualTo(1200);
        assertThat(Coerce.integer(350)).isEqualTo(350);
        assertThat(Coerce.integer(" ")).isNull();
        assertThatThrownBy(() -> Coerce.integer("many")).hasMessageContaining("is not a whole number");
    }

    @Test
    void givenHugeNumbers_thenOutOfRangeWithoutMaterialisingThem() {
        for (Object huge : new Object[] { "1e100000000", "-1e20", "99999999999999999999", Double.POSITIVE_INFINITY }) {
            assertThatThrownBy(() -> Coerce.integer(huge)).as(String.valueOf(huge)).hasMessage("is out of range");
        }
        assertThatThrownBy(() -> Coerce.amount("9".repeat(40))).hasMessage("is out of range");
        assertThatThrownBy(() -> Coerce.amount(new BigDecimal("1e900000000"))).hasMessage("is out of range");
        assertThatThrownBy(() -> Coerce.amount("1e900000000")).hasMessageContaining("is not an amount");
    }

    @Test
    void givenAmounts_thenUnitsAndCurrencySignsAreRead() {
        assertThat(Coerce.amount("$2.5M")).isEqualByComparingTo(new BigDecimal("2500000"));
        assertThat(Coerce.amount("750k")).isEqualByComparingTo(new BigDecimal("750000"));
        assertThat(Coerce.amount("1.2bn")).isEqualByComparingTo(new BigDecimal("1200000000"));
        assertThat(Coerce.amountAsLong("€ 1,999.50")).isEqualTo(2000L);
        assertThatThrownBy(() -> Coerce.amount("lots")).hasMessageContaining("is not an amount");
    }

    @Test
    void givenFlags_thenFormWordsAreTrueOrFalse_andAnythingElseIsRefused() {
        assertThat(Coerce.bool("Yes")).isTrue();
        assertThat(Coerce.bool("checked")).isTrue();
        assertThat(Coerce.bool("0")).isFalse();
        assertThat(Coerce.bool(null)).isNull();
        assertThatThrownBy(() -> Coerce.bool("maybe")).hasMessageContaining("is not true or false");
    }

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
        assertThatThrownBy(() -> Coerce.integer(sent)).satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }
}
