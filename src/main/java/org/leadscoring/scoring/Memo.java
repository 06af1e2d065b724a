package org.leadscoring.scoring;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers a pure function's recent answers. Rules ask a prospect for a derived value (its seniority, its
 * industry key) once per rule that tests it, and titles and industries repeat across prospects, so the
 * function runs once per distinct input. Bounded: when full it starts afresh, which keeps it cheap and small
 * whatever the input.
 */
final class Memo<K, V> {

    private final Function<K, V> function;
    private final int limit;
    private final Map<K, V> answers = new ConcurrentHashMap<>();

    Memo(Function<K, V> function, int limit) {
        this.function = function;
        this.limit = limit;
    }

    /** {@code function(key)}; {@code key} must not be null. */
    V get(K key) {
        V answer = answers.get(key);
        if (answer == null) {
            answer = function.apply(key);
            if (answers.size() >= limit) {
                answers.clear();
            }
            answers.put(key, answer);
        }
        return answer;
    }
}
