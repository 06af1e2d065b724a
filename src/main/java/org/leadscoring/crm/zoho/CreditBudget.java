package org.leadscoring.crm.zoho;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * An allowance of Zoho API credits that the calls made within it are charged to, where they are made
 * ({@link ZohoTransport#call}): a call that would go over it is not made and {@link Exhausted} is thrown instead.
 * A re-scoring run opens one with its budget; calls made outside any allowance are charged to nothing.
 * <p>
 * The allowance is bound to the thread running {@link #within}; work handed to another thread takes it along by
 * calling {@code within} there too (the read-ahead of re-scoring, the update batches of {@link HttpZohoCrm}).
 */
public final class CreditBudget {

    private static final ThreadLocal<CreditBudget> CURRENT = new ThreadLocal<>();
    private static final CreditBudget UNLIMITED = new CreditBudget(Long.MAX_VALUE);

    private final long limit;
    private final AtomicLong credits = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong readCredits = new AtomicLong();

    /** What a call does with the credits it costs: reads records, or writes them (creates, updates, conversions). */
    public enum Use {
        READ, WRITE
    }

    private CreditBudget(long limit) {
        this.limit = limit;
    }

    /** An allowance of {@code limit} credits, none spent yet. */
    public static CreditBudget of(long limit) {
        return new CreditBudget(limit);
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

    /** Whether calls costing {@code cost} more credits stay within the allowance. */
    public boolean affords(long cost) {
        return credits.get() + cost <= limit;
    }

    /** Throws {@link Exhausted} unless calls costing {@code cost} more credits stay within the allowance. */
    public void require(long cost) {
        if (!affords(cost)) {
            throw new Exhausted(limit);
        }
    }

    /** Credits charged so far. */
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
    void charge(Use use, long cost) {
        if (this == UNLIMITED) {
            return;
        }
        long spent;
        do {
            spent = credits.get();
            if (spent + cost > limit) {
                throw new Exhausted(limit);
            }
        } while (!credits.compareAndSet(spent, spent + cost));
        if (use == Use.READ) {
            readCredits.addAndGet(cost);
        }
        calls.incrementAndGet();
    }

    /** The next call would spend more credits than the allowance has left. */
    public static final class Exhausted extends RuntimeException {
        Exhausted(long limit) {
            super("the credit budget of " + limit + " is spent", null, false, false);
        }
    }
}
