package org.leadscoring.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.inject.Vetoed;

import org.junit.jupiter.api.Test;

/** The one poller of the work queue: each kind with due work goes to its worker, and a busy kind holds up no other. */
class DispatcherTest {

    /** A queue that says which kinds have due work. */
    @Vetoed
    static final class Due extends WorkQueue {
        final Set<WorkItem.Kind> due = ConcurrentHashMap.newKeySet();

        Due() {
            super(null);
        }

        @Override
        public boolean anyDue(WorkItem.Kind kind, Instant now) {
            return due.contains(kind);
        }
    }

    /** A worker counting its rounds; it holds its round until released when told to. */
    static final class Counting implements Worker {
        final WorkItem.Kind kind;
        final AtomicInteger rounds = new AtomicInteger();
        final AtomicInteger atOnce = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        volatile CountDownLatch hold = new CountDownLatch(0);

        Counting(WorkItem.Kind kind) {
            this.kind = kind;
        }

        @Override
        public WorkItem.Kind kind() {
            return kind;
        }

        @Override
        public void workDue() {
            mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
            rounds.incrementAndGet();
            try {
                hold.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                atOnce.decrementAndGet();
            }
        }
    }

    @Test
    void givenDueWorkOfTwoKinds_thenEachGoesToItsWorker_aKindWithNothingDueIsNotCalled_andABusyKindHoldsUpNoOther() {
        Due queue = new Due();
        Counting intakes = new Counting(WorkItem.Kind.INTAKE);
        Counting hooks = new Counting(WorkItem.Kind.HOOK_DELIVERY);
        Counting conversions = new Counting(WorkItem.Kind.CONVERSION);
        Dispatcher dispatcher = new Dispatcher(queue, List.of(intakes, hooks, conversions));
        try {
            queue.due.addAll(Set.of(WorkItem.Kind.INTAKE, WorkItem.Kind.HOOK_DELIVERY));
            // Hook targets hang: the hook worker's round does not end.
            hooks.hold = new CountDownLatch(1);

            // Round after round (a round of a kind still busy is skipped), the intakes are worked again and again.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                dispatcher.dispatch();
                assertThat(intakes.rounds.get()).isGreaterThanOrEqualTo(3);
            });

            // ... although the hook worker never finished its first round, which was not started again while it ran;
            // the conversions, with nothing due, were never called.
            assertThat(hooks.rounds).hasValue(1);
            assertThat(hooks.mostAtOnce).hasValue(1);
            assertThat(conversions.rounds).hasValue(0);
            hooks.hold.countDown();
            await().atMost(Duration.ofSeconds(10)).until(() -> hooks.atOnce.get() == 0);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                dispatcher.dispatch();
                assertThat(hooks.rounds.get()).isGreaterThanOrEqualTo(2);
            });
        } finally {
            hooks.hold.countDown();
            dispatcher.stop();
        }
    }
}
