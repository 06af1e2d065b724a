package org.leadscoring.crm;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An allowance of Zoho API credits that the calls made within it are charged to, where they are made
 * ({@link ZohoTransport#call}): a call that would go over it is not made and {@link Exhausted} is thrown instead.
 * A re-scoring run opens one with its budget; calls made outside any allowance are charged to nothing.
 * <p>
 * The allowance is bound to the thread running {@link #within}; work handed to another thread takes it along by
 * calling {@code within} there too (the read-ahead of re-scoring, the update batches of {@link HttpZohoCrm}).
 * <p>
 * Work that must not stop half way (a page of re-scoring writes: all or none) first {@link #reserve}s what it will
 * cost: the credits are set aside at once, so calls made meanwhile by other threads cannot spend them, and the work's
 * calls are charged to what was set aside.
 */
public final class CreditBudget {

    private static final ThreadLocal<CreditBudget> CURRENT = new ThreadLocal<>();
    private static final CreditBudget UNLIMITED = new CreditBudget(Long.MAX_VALUE, null);

    private final long limit;
    /** The allowance a reservation was set aside from (null for an allowance of its own). */
    private final CreditBudget parent;
    /** Credits spent and set aside: what the limit is checked against. */
    private final AtomicLong committed = new AtomicLong();
    private final AtomicLong credits = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong readCredits = new AtomicLong();

    /** What a call does with the credits it costs: reads records, or writes them (creates, updates, conversions). */
    public enum Use {
        READ, WRITE
    }

    private CreditBudget(long limit, CreditBudget parent) {
        this.limit = limit;
        this.parent = parent;
    }

    /** An allowance of {@code limit} credits, none spent yet. */
    public static CreditBudget of(long limit) {
        return new CreditBudget(limit, null);
    }

    /** The credits this allowance allows in all. */
    public long limit() {
        return limit;
    }

    /** The allowance bound to this thread, or an unlimited one that counts nothing anyone reads. */
    public static CreditBudget current() {
        CreditBudget b = CURRENT.get();
        return b == null ? UNLIMITED : b;
    }

    /** Runs {@code work} with every Zoho call it makes on this thread charged to this allowance. */
    public <T> T within(Supplier<T> work) {
        CreditBudget outer = CURRENT.get();
        CURRENT.set(this);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** {@link #within(Supplier)} for work without a result. */
    public void within(Runnable work) {
        within(() -> {
            work.run();
            return null;
        });
    }

    /** Whether calls costing {@code cost} more credits stay within the allowance (and what is set aside). */
    public boolean affords(long cost) {
        return committed.get() + cost <= limit;
    }

    /**
     * Sets {@code cost} credits aside now for work that must not stop half way; the work runs its calls
     * {@link Reserved#within within} the reservation, and what it did not spend comes back when the reservation closes.
     *
     * @throws Exhausted when the allowance does not have them; nothing is set aside
     */
    public Reserved reserve(long cost) {
        if (this == UNLIMITED) {
            return new Reserved(UNLIMITED);
        }
        commit(cost);
        return new Reserved(new CreditBudget(cost, this));
    }

    /** Credits charged so far (not those set aside and not spent yet). */
    public long credits() {
        return credits.get();
    }

    /** Credits charged so far to reads. */
    public long readCredits() {
        return readCredits.get();
    }

    /** Credits charged so far to writes. */
    public long writeCredits() {
        return credits.get() - readCredits.get();
    }

    /** Calls charged so far. */
    public long calls() {
        return calls.get();
    }

    /** Charges one call of {@code cost} credits, or throws when it would go over the allowance. */
    public void charge(Use use, long cost) {
        if (this == UNLIMITED) {
            return;
        }
        commit(cost);
        for (CreditBudget b = this; b != null; b = b.parent) {
            // What a reservation spends counts where it was set aside from (already committed there).
            b.credits.addAndGet(cost);
            b.calls.incrementAndGet();
            if (use == Use.READ) {
                b.readCredits.addAndGet(cost);
            }
        }
    }

    private void commit(long cost) {
        long spent;
        do {
            spent = committed.get();
            if (spent + cost > limit) {
                throw new Exhausted(limit);
            }
        } while (!committed.compareAndSet(spent, spent + cost));
    }

    /** Credits set aside from an allowance; closing it gives back what was not spent. */
    public static final class Reserved implements AutoCloseable {

        private final CreditBudget allowance;

        private Reserved(CreditBudget allowance) {
            this.allowance = allowance;
        }

        /** Runs {@code work} with its calls charged to the credits set aside. */
        public <T> T within(Supplier<T> work) {
            return allowance.within(work);
        }

        @Override
        public void close() {
            if (allowance.parent != null) {
                allowance.parent.committed.addAndGet(-(allowance.limit - allowance.committed.getAndSet(allowance.limit)));
            }
        }
    }

    /** The next call would spend more credits than the allowance has left. */
    public static final class Exhausted extends RuntimeException {
        Exhausted(long limit) {
            super("the credit budget of " + limit + " is spent", null, false, false);
        }
    }
}
