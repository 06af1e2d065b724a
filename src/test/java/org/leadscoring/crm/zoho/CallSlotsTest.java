package org.leadscoring.crm.zoho;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.leadscoring.crm.CreditBudget;

/** Zoho's calls in flight: never more than the slots, and a read waiting goes before the writes waiting. */
class CallSlotsTest {

    @Test
    void aReadWaitingGoesBeforeTheWritesWaitingBeforeIt() throws Exception {
        CallSlots slots = new CallSlots(1);
        assertTrue(slots.take(CreditBudget.Use.WRITE, 0, TimeUnit.SECONDS));
        List<String> order = new CopyOnWriteArrayList<>();
        Thread write = waiter(slots, CreditBudget.Use.WRITE, "write", order);
        awaitWaiting(write);
        Thread read = waiter(slots, CreditBudget.Use.READ, "read", order);
        awaitWaiting(read);
        slots.give();
        write.join(5_000);
        read.join(5_000);
        assertEquals(List.of("read", "write"), order);
    }

    @Test
    void neverMoreCallsThanSlots() throws Exception {
        CallSlots slots = new CallSlots(2);
        assertTrue(slots.take(CreditBudget.Use.WRITE, 0, TimeUnit.SECONDS));
        assertTrue(slots.take(CreditBudget.Use.READ, 0, TimeUnit.SECONDS));
        assertFalse(slots.take(CreditBudget.Use.READ, 20, TimeUnit.MILLISECONDS));
        assertFalse(slots.take(CreditBudget.Use.WRITE, 20, TimeUnit.MILLISECONDS));
        slots.give();
        assertTrue(slots.take(CreditBudget.Use.WRITE, 0, TimeUnit.SECONDS));
    }

    private static Thread waiter(CallSlots slots, CreditBudget.Use use, String name, List<String> order) {
        Thread t = new Thread(() -> {
            try {
                if (slots.take(use, 5, TimeUnit.SECONDS)) {
                    order.add(name);
                    slots.give();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        t.start();
        return t;
    }

    private static void awaitWaiting(Thread t) throws InterruptedException {
        for (int i = 0; i < 500 && t.getState() != Thread.State.TIMED_WAITING; i++) {
            Thread.sleep(10);
        }
        assertEquals(Thread.State.TIMED_WAITING, t.getState());
    }
}
