package org.leadscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The counts and amounts forms really send (HubSpot's and LinkedIn's size bands, Typeform's and Webflow's free text, the
 * spellings of the locales forms are filled in), read the one way every path reads them, and what stays refused.
 */
class FormValuesTest {

    @ParameterizedTest(name = "employees \"{0}\" = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            250                  | 250
            1,200                | 1200
            1.200                | 1200
            1 200                | 1200
            1\u00a0200           | 1200
            1\u202f200           | 1200
            1'200                | 1200
            １２００             | 1200
            51-200               | 125
            51 - 200             | 125
            51–200               | 125
            10 to 49             | 29
            1-10                 | 5
            2-10 employees       | 6
            201-500 employees    | 350
            5,001-10,000         | 7500
            10,001+              | 10001
            1,000+               | 1000
            1000+ employees      | 1000
            10k+                 | 10000
            10k                  | 10000
            1.5k                 | 1500
            over 500             | 500
            more than 1000       | 1000
            500 or more          | 500
            Under 10             | 5
            less than 50         | 25
            < 10                 | 5
            approx. 300          | 300
            about 40 people      | 40
            500 Mitarbeiter      | 500
            11 bis 50            | 30
            """)
    void givenSizeSpellings_thenTheCountIsRead(String sent, int expected) {
        assertThat(FormValues.count(sent)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "revenue \"{0}\" = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            10000000             | 10000000
            10 000 000           | 10000000
            10,000,000           | 10000000
            10.000.000           | 10000000
            $10M                 | 10000000
            $10m                 | 10000000
            $10 million          | 10000000
            10MM                 | 10000000
            USD 10M              | 10000000
            US$10M               | 10000000
            10M USD              | 10000000
            $10M+                | 10000000
            €2.5 million         | 2500000
            €2,5 Mio.            | 2500000
            2,5 Mio. €           | 2500000
            1.000.000 €          | 1000000
            1 000 000 €          | 1000000
            CHF 1'000'000        | 1000000
            £3.2m                | 3200000
            ¥100,000,000         | 100000000
            ₹50 lakh             | 5000000
            ₹2 crore             | 20000000
            1,00,00,000          | 10000000
            $1.2B                | 1200000000
            1.2bn                | 1200000000
            €1,5 Mrd.            | 1500000000
            750k                 | 750000
            $750K                | 750000
            $1,234.56            | 1234.56
            1.234,56 €           | 1234.56
            € 1,999.50           | 1999.50
            $1M-$5M              | 3000000
            $1M - $5M            | 3000000
            1-5M                 | 3000000
            $500K-$1M            | 750000
            less than $1M        | 500000
            more than $10M       | 10000000
            over $1B             | 1000000000
            $2M per year         | 2000000
            R$ 2,5 milhões       | 2500000
            10 thousand dollars  | 10000
            5 millones de euros  | 5000000
            """)
    void givenRevenueSpellings_thenTheAmountIsRead(String sent, BigDecimal expected) {
        assertThat(FormValues.amount(sent)).isEqualByComparingTo(expected);
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @CsvSource(delimiter = '|', textBlock = """
            many
            lots
            ten
            51-
            -
            $
            1,2,3
            1.2.3
            12 34
            1e6
            0x10
            NaN
            Infinity
            10 apples
            200-51
            2026-11-01
            call me
            """)
    void givenTextThatIsNoCountOrAmount_thenItIsRefused_namingWhatWasExpected(String sent) {
        assertThatThrownBy(() -> FormValues.count(sent)).hasMessageStartingWith("is not a whole number: \"");
        assertThatThrownBy(() -> FormValues.amount(sent)).hasMessageStartingWith("is not an amount: \"");
    }

    @Test
    void givenFlags_thenFormWordsAreTrueOrFalse_andAnythingElseIsRefused() {
        assertThat(FormValues.flag("Yes")).isTrue();
        assertThat(FormValues.flag("checked")).isTrue();
        assertThat(FormValues.flag("0")).isFalse();
        assertThat(FormValues.flag(null)).isNull();
        assertThatThrownBy(() -> FormValues.flag("maybe")).hasMessageContaining("is not true or false");
    }

    @Test
    void givenAFraction_thenItIsNoCount_butAnAmount() {
        assertThatThrownBy(() -> FormValues.count("2,5")).hasMessageStartingWith("is not a whole number");
        assertThat(FormValues.amount("2,5")).isEqualByComparingTo("2.5");
        assertThat(FormValues.wholeAmount("€ 1,999.50")).isEqualTo(2000L);
    }

    @Test
    void givenTypedNumbersAndBlanks_thenTheyAreTakenAsTheyAre() {
        assertThat(FormValues.count(350)).isEqualTo(350);
        assertThat(FormValues.count(" ")).isNull();
        assertThat(FormValues.amount(null)).isNull();
        assertThat(FormValues.amount(new BigDecimal("12.5"))).isEqualByComparingTo("12.5");
    }

    @Test
    void givenHugeNumbers_thenOutOfRangeWithoutMaterialisingThem() {
        for (Object huge : new Object[] { "-1e20", "99999999999999999999", Double.POSITIVE_INFINITY, new BigDecimal("1e900000000") }) {
            assertThatThrownBy(() -> FormValues.count(huge)).as(String.valueOf(huge)).hasMessageStartingWith(huge instanceof String s
                    && s.contains("e") ? "is not a whole number" : "is out of range");
        }
        assertThatThrownBy(() -> FormValues.amount("9".repeat(40))).hasMessage("is out of range");
        assertThatThrownBy(() -> FormValues.amount("9,999,999 billion")).hasMessage("is out of range");
        assertThatThrownBy(() -> FormValues.count("3bn")).hasMessage("is out of range");
    }

    @Test
    void givenLongText_thenMessagesRepeatOnlyAShortPrefix() {
        String sent = "1".repeat(10_000);
        assertThatThrownBy(() -> FormValues.count(sent)).satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
        assertThatThrownBy(() -> FormValues.amount("$" + "1,".repeat(5_000))).satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
    }
}
