package org.leadscoring.intake;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ProspectFields;

/**
 * How a prospect's stored fields take in a newer intake: what the newer one says wins, what it leaves out is kept;
 * a purchase or a do-not-contact once said stays said, and custom attributes are merged key by key.
 */
public final class Prospects {

    private Prospects() {
    }

    public static Prospect merge(Prospect old, Prospect newer) {
        Map<String, Object> values = new HashMap<>();
        for (ProspectFields.Field f : ProspectFields.all()) {
            Object o = f.get(old);
            Object n = f.get(newer);
            if (n instanceof Boolean b && f.type() == boolean.class) {
                values.put(f.name(), b || (Boolean) o);
            } else if (n instanceof Map<?, ?> m) {
                Map<Object, Object> merged = new TreeMap<>((Map<?, ?>) o);
                merged.putAll(m);
                values.put(f.name(), merged);
            } else {
                values.put(f.name(), n != null ? n : o);
            }
        }
        return ProspectFields.with(newer, values);
    }
}
