package org.leadscoring.api;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Wrong keys counted per client: a client that sends more than {@code allowed} wrong API or admin keys in a minute is
 * answered 429, with the seconds left in its minute as {@code Retry-After}, until the minute is over — so keys cannot
 * be guessed at the speed of the network. Clients are told apart by address; at most {@link #MAX_CLIENTS} are
 * remembered (a flood of addresses forgets the oldest minutes first, never grows without bound).
 */
final class KeyFailures {

    static final int MAX_CLIENTS = 10_000;
    private static final long MINUTE = 60_000;

    private final int allowed;
    private final LongSupplier clock;
    private final Map<String, long[]> minutes = new ConcurrentHashMap<>();

    /** @param allowed wrong keys a client may send in a minute before it is slowed down */
    KeyFailures(int allowed, LongSupplier clock) {
        this.allowed = allowed;
        this.clock = clock;
    }

    /** The seconds a client must wait before trying a key again, or empty when it may try now. */
    OptionalLong waitFor(String client) {
        long[] minute = minutes.get(client);
        long now = clock.getAsLong();
        if (minute == null || now - minute[0] >= MINUTE || minute[1] < allowed) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Math.max(1, (minute[0] + MINUTE - now + 999) / 1000));
    }

    /** Counts a wrong key from {@code client}; returns how many it has sent this minute. */
    long failed(String client) {
        long now = clock.getAsLong();
        if (minutes.size() >= MAX_CLIENTS) {
            minutes.entrySet().removeIf(e -> now - e.getValue()[0] >= MINUTE);
            if (minutes.size() >= MAX_CLIENTS) {
                minutes.clear();
            }
        }
        long[] minute = minutes.compute(client, (c, old) -> old == null || now - old[0] >= MINUTE ? new long[] { now, 0 } : old);
        synchronized (minute) {
            return ++minute[1];
        }
    }
}
