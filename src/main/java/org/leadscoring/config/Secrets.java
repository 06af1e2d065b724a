package org.leadscoring.config;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The values that must never leave the service: Zoho's client secret, refresh token and access tokens, the intake and
 * admin keys. Whoever holds one registers it; {@link #scrub} replaces each with {@code [secret]} in any text — every
 * log line passes through it ({@link SecretsLogFilter}), and so does every text the service keeps or answers that came from
 * Zoho. Values shorter than {@value #SHORTEST} characters are not registered: they would match ordinary words.
 */
public final class Secrets {

    public static final String MASK = "[secret]";
    static final int SHORTEST = 8;
    /** Short-lived secrets (access tokens) are kept up to this many; the oldest are forgotten first. */
    private static final int MOST_SHORT_LIVED = 64;

    private static final Set<String> VALUES = ConcurrentHashMap.newKeySet();
    private static final java.util.Deque<String> SHORT_LIVED = new java.util.ArrayDeque<>();

    private Secrets() {
    }

    /** Adds a value to scrub from now on (a key, a client secret); blank and short values are ignored. */
    public static void register(String value) {
        if (value != null && value.strip().length() >= SHORTEST) {
            VALUES.add(value.strip());
        }
    }

    /** Adds a secret that expires (an access token): the last {@value #MOST_SHORT_LIVED} are kept. */
    public static void registerShortLived(String value) {
        if (value == null || value.strip().length() < SHORTEST) {
            return;
        }
        synchronized (SHORT_LIVED) {
            SHORT_LIVED.addLast(value.strip());
            VALUES.add(value.strip());
            if (SHORT_LIVED.size() > MOST_SHORT_LIVED) {
                VALUES.remove(SHORT_LIVED.removeFirst());
            }
        }
    }

    /** The text with every registered secret replaced by {@link #MASK}; null for null. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty() || VALUES.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : VALUES) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return out;
    }

    /** Whether the text holds a registered secret. */
    public static boolean leaks(String text) {
        return text != null && !text.equals(scrub(text));
    }
}
