package org.leadscoring.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.inject.Vetoed;

import org.junit.jupiter.api.Test;
import org.leadscoring.crm.Assessment;
import org.leadscoring.crm.Assessor;
import org.leadscoring.crm.CrmRecord;
import org.leadscoring.crm.CrmWriter;
import org.leadscoring.crm.Subject;
import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ScoringTimeoutException;
import org.leadscoring.store.IntakeKind;
import org.leadscoring.store.IntakeRepository;
import org.leadscoring.store.IntakeStatus;
import org.leadscoring.store.OutboxItem;
import org.leadscoring.store.OutboxRepository;
import org.leadscoring.store.ProspectRepository;
import org.leadscoring.store.StoredIntake;
import org.leadscoring.store.StoredProspect;

/**
 * An intake's CRM work that fails for a reason of the service's own (scoring stopped at its time bound on a busy
 * machine) is put off with the backoff, its claim released — not left claimed until the claim runs out. No Quarkus.
 */
class IntakeSyncTest {

    static final String EMAIL = "ann@acme.com";

    @Test
    void givenScoringStoppedAtItsTimeBound_thenTheWorkIsPutOffWithTheBackoff_andTheFailureGoesOn() {
        FakeOutbox outbox = new FakeOutbox();
        IntakeSync sync = new IntakeSync(new FakeIntakes(), new FakeProspects(), outbox, new TimingOutAssessor(), new NobodyInTheCrm(), null, null,
                null, new Config(), new Outbox());
        OutboxItem item = new OutboxItem(7, "in_1", EMAIL, 2, Instant.now(), null);
        Instant before = Instant.now();

        assertThatThrownBy(() -> sync.process(item)).isInstanceOf(ScoringTimeoutException.class);

        assertThat(outbox.putOff).singleElement().satisfies(r -> {
            assertThat(r.attempts()).isEqualTo(3);
            assertThat(r.error()).isEqualTo("service: ScoringTimeoutException");
            assertThat(r.nextAttemptAt()).isBetween(before.plusSeconds(4 * 30 - 1), Instant.now().plusSeconds(4 * 30 + 1));
        });
    }

    @Vetoed
    static final class FakeOutbox extends OutboxRepository {
        final List<OutboxItem.Retry> putOff = new ArrayList<>();

        FakeOutbox() {
            super(null);
        }

        @Override
        public void retryLater(long id, OutboxItem.Retry retry) {
            putOff.add(retry);
        }
    }

    @Vetoed
    static final class FakeIntakes extends IntakeRepository {
        FakeIntakes() {
            super(null, null, null);
        }

        @Override
        public Optional<StoredIntake> find(String id) {
            return Optional.of(new StoredIntake(id, "key", "hash", IntakeKind.PROSPECT, EMAIL, Instant.now(), IntakeStatus.QUEUED, null, null, null));
        }
    }

    @Vetoed
    static final class FakeProspects extends ProspectRepository {
        FakeProspects() {
            super(null, null);
        }

        @Override
        public Optional<StoredProspect> find(String email) {
            return Optional.of(new StoredProspect(email, Prospect.ofEmail(email), null, null, false, true, null, Map.of()));
        }

        @Override
        public List<Activity> activities(String email) {
            return List.of();
        }
    }

    @Vetoed
    static final class TimingOutAssessor extends Assessor {
        TimingOutAssessor() {
            super(null, null);
        }

        @Override
        public Assessment assess(Subject s, String model, Instant now) {
            throw new ScoringTimeoutException("b2b", "v1", "Webinar", Duration.ofMillis(250));
        }
    }

    @Vetoed
    static final class NobodyInTheCrm extends CrmWriter {
        NobodyInTheCrm() {
            super(null, null, null);
        }

        @Override
        public Optional<CrmRecord> find(String email) {
            return Optional.empty();
        }
    }

    static final class Config implements IntakeConfig {
        @Override
        public String defaultActivity() {
            return "web_form";
        }

        @Override
        public Duration zohoBudget() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Duration replayWindow() {
            return Duration.ofHours(1);
        }

        @Override
        public Optional<String> model() {
            return Optional.empty();
        }

        @Override
        public Map<String, List<String>> aliases() {
            return Map.of();
        }
    }

    static final class Outbox implements OutboxConfig {
        @Override
        public Duration firstRetry() {
            return Duration.ofSeconds(30);
        }

        @Override
        public Duration claim() {
            return Duration.ofSeconds(90);
        }

        @Override
        public Duration maxRetry() {
            return Duration.ofHours(1);
        }
    }
}
