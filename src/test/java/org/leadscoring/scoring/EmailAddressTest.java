package org.leadscoring.scoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** One mailbox, one spelling; two mailboxes that a CRM folds together stay two. */
class EmailAddressTest {

    @Test
    void oneMailboxInUnicodeAndPunycode_isOneSpelling() {
        assertThat(EmailAddress.canonical("dana@bücher-check.de")).isEqualTo("dana@xn--bcher-check-thb.de");
        assertThat(EmailAddress.canonical(" Dana@XN--BCHER-CHECK-THB.de ")).isEqualTo("dana@xn--bcher-check-thb.de");
        assertThat(EmailAddress.canonical("DANA@BÜCHER-CHECK.DE")).isEqualTo("dana@xn--bcher-check-thb.de");
    }

    @Test
    void anInternationalDomainHasItsUnicodeSpellingToo_forRecordsWrittenBeforeThePunycodeOne() {
        assertThat(EmailAddress.spellings("Dana@BÜCHER-check.de")).containsExactly("dana@xn--bcher-check-thb.de", "dana@bücher-check.de");
        assertThat(EmailAddress.spellings("ann@acme.com")).containsExactly("ann@acme.com");
    }

    @Test
    void fullWidthAndCompatibilityForms_areTheirPlainLetters() {
        assertThat(EmailAddress.canonical("promo＠ｍａｉｌｉｎａｔｏｒ.com")).isEqualTo("promo@mailinator.com");
        // What rules compare with their domain lists.
        assertThat(Prospect.ofEmail("ｐｒｏｍｏ@ＭＡＩＬＩＮＡＴＯＲ．ＣＯＭ").normalised().getEmailDomain()).isEqualTo("mailinator.com");
    }

    @Test
    void foldsThatZohoMakes_areNotOurs() {
        assertThat(EmailAddress.same("d\u0131ana@example.com", "diana@example.com")).isFalse();
        assertThat(EmailAddress.same("\u0130nci@example.com", "inci@example.com")).isFalse();
        assertThat(EmailAddress.same("sales-team@example.com", "sales_team@example.com")).isFalse();
        assertThat(EmailAddress.same("Diana@Example.com", "diana@example.COM")).isTrue();
    }

    @Test
    void lookAlikeDomains_areProblems_realInternationalOnesAreNot() {
        assertThat(EmailAddress.problem("promo@m\u0430ilinator.com")).isPresent();
        assertThat(EmailAddress.problem("dana@bücher-check.de")).isEmpty();
        assertThat(EmailAddress.problem("taro@例え.jp")).isEmpty();
        assertThat(EmailAddress.problem("ivan@пример.рф")).isEmpty();
        assertThat(EmailAddress.problem("x@-bad-.com")).isPresent();
    }

    @Test
    void givenGeneratedSpellings_thenCanonicalIsStable_andCaseOrWidthNeverMakeTwoPeople() {
        Random random = new Random(25);
        String letters = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 2000; i++) {
            StringBuilder local = new StringBuilder();
            StringBuilder domain = new StringBuilder();
            for (int j = 0; j < 1 + random.nextInt(12); j++) {
                local.append(letters.charAt(random.nextInt(letters.length())));
            }
            for (int j = 0; j < 1 + random.nextInt(12); j++) {
                domain.append(letters.charAt(random.nextInt(26)));
            }
            String plain = local + "@" + domain + ".com";
            String canonical = EmailAddress.canonical(plain);
            assertThat(EmailAddress.canonical(canonical)).isEqualTo(canonical);
            assertThat(EmailAddress.canonical(plain.toUpperCase(java.util.Locale.ROOT))).isEqualTo(canonical);
            assertThat(EmailAddress.canonical(fullWidth(plain))).as(fullWidth(plain)).isEqualTo(canonical);
        }
    }

    private static String fullWidth(String s) {
        StringBuilder out = new StringBuilder();
        for (char c : s.toCharArray()) {
            out.append(c >= '!' && c <= '~' ? (char) (c - '!' + '\uFF01') : c);
        }
        return out.toString();
    }
}
