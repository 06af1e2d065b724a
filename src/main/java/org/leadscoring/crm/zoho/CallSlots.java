package org.leadscoring.crm.zoho;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.leadscoring.crm.CreditBudget;

/**
 * Zoho's calls in flight, at most {@code zoho.max-concurrent-calls} (Zoho's limit per organisation). A read waiting for
 * a slot goes before the writes waiting: a read is the next step of a chain someone waits on (re-scoring's next page,
 * an intake's search), while writes queue up by the dozen (a page of re-scoring sends twenty at once) and a read stuck
 * behind them would hold up the whole chain. Writes still go in the order they came, and get every slot no read waits
 * for.
 */
final class CallSlots {

    /** Fair: among the calls of one kind, the first to wait is the first to go. */
    private final ReentrantLock lock = new ReentrantLock(true);
    private final Condition freed = lock.newCondition();
    private int free;
    private int readsWaiting;

    private final int size;

    /** How many calls may be in flight at once. */
    int size() {
        return size;
    }

    CallSlots(int slots) {
        this.size = slots;
        this.free = slots;
    }

    /**
     * Takes a slot for a call of {@code use}, waiting at most {@code timeout}.
     *
     * @return whether a slot was taken
     */
    boolean take(CreditBudget.Use use, long timeout, TimeUnit unit) throws InterruptedException {
        long nanos = unit.toNanos(timeout);
        boolean read = use == CreditBudget.Use.READ;
        lock.lockInterruptibly();
        try {
            if (read) {
                readsWaiting++;
            }
            try {
                while (free == 0 || !read && readsWaiting > 0) {
                    if (nanos <= 0) {
                        return false;
                    }
                    nanos = freed.awaitNanos(nanos);
                }
                free--;
                return true;
            } finally {
                if (read && --readsWaiting == 0 && free > 0) {
                    // Writes held back for this read may take what is left.
                    freed.signalAll();
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Gives back a slot taken. */
    void give() {
        lock.lock();
        try {
            free++;
            freed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
