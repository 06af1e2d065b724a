package org.leadscoring.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** What every log line and every answer from Zoho goes through: the registered secrets are masked, short ones ignored. */
class SecretsTest {

    @Test
    void givenALogLineFormattedWithASecret_thenItIsWrittenMasked() {
        Secrets.register("unit-client-secret-77ad");
        ExtLogRecord record = new ExtLogRecord(Level.WARNING, "Zoho said %s", ExtLogRecord.FormatStyle.PRINTF, SecretsTest.class.getName());
        record.setParameters(new Object[] { "bad secret unit-client-secret-77ad" });

        assertThat(new SecretsLogFilter().isLoggable(record)).isTrue();

        assertThat(record.getFormattedMessage()).isEqualTo("Zoho said bad secret " + Secrets.MASK);
    }

    @Test
    void givenAnExceptionMentioningASecret_thenTheLineIsWrittenWithoutIt() {
        Secrets.register("unit-refresh-token-51c0");
        ExtLogRecord record = new ExtLogRecord(Level.SEVERE, "Token request failed", ExtLogRecord.FormatStyle.NO_FORMAT, SecretsTest.class.getName());
        record.setThrown(new IllegalStateException("wrapped", new RuntimeException("refresh_token=unit-refresh-token-51c0")));

        new SecretsLogFilter().isLoggable(record);

        assertThat(record.getThrown()).isNull();
        assertThat(record.getFormattedMessage()).startsWith("Token request failed").contains("left out").doesNotContain("unit-refresh-token-51c0");
    }

    @Test
    void theSuiteScansAnswersForTheSecretsTheTestsGiveTheService() {
        // secret.scan (pom.xml) reaches the tests; were it missing, TestApi would scan for nothing.
        assertThat(org.leadscoring.TestApi.SECRETS).contains(org.leadscoring.crm.zoho.FakeZoho.CLIENT_SECRET,
                org.leadscoring.crm.zoho.FakeZoho.REFRESH_TOKEN, "1000.access-");
    }

    @Test
    void givenShortValues_thenNotRegistered_andShortLivedOnesAreForgottenOldestFirst() {
        Secrets.register("short");
        assertThat(Secrets.scrub("a short word")).isEqualTo("a short word");

        Secrets.registerShortLived("unit-access-token-first");
        for (int i = 0; i < 64; i++) {
            Secrets.registerShortLived("unit-access-token-" + (1000 + i));
        }

        assertThat(Secrets.leaks("unit-access-token-first")).isFalse();
        assertThat(Secrets.leaks("unit-access-token-1063")).isTrue();
    }
}
