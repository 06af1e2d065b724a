package org.leadscoring.crm;

import java.util.concurrent.atomic.AtomicLong;

/**
 * An allowance of CRM API credits. It is passed explicitly: a run opens one with its budget and calls the CRM
 * {@linkplain Crm#chargedTo charged to it}, and the adapter charges each call where it is made, before it is sent — a
 * call that would go over the allowance is not made and {@link Exhausted} is thrown instead. Calls made outside any run
 * (an intake, a follow-up) are charged to the {@linkplain #unmetered unmetered} allowance, which counts nothing.
 * <p>
 * Work that must not stop half way (a page of re-scoring writes: all or none) first {@link #reserve}s what it will
 * cost: the credits are set aside at once, so calls made meanwhile by other threads cannot spend them, and the work's
 * calls are charged to what was set aside ({@link Reserved#allowance}).
 */
public final class CreditBudget {

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

    /** The allowance of calls made outside any run: unlimited, and counting nothing anyone reads. */
    public static CreditBudget unmetered() {
        return UNLIMITED;
    }

    /** Whether calls costing {@code cost} more credits stay within the allowance (and what is set aside). */
    public boolean affords(long cost) {
        return committed.get() + cost <= limit;
    }

    /**
     * Sets {@code cost} credits aside now for work that must not stop half way; the work charges its calls to the
     * reservation's {@link Reserved#allowance}, and what it did not spend comes back when the reservation closes.
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

        /** The credits set aside, to charge the work's calls to. */
        public CreditBudget allowance() {
            return allowance;
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
