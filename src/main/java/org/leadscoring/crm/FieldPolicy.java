package org.leadscoring.crm;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Who wins, field by field, when what the service knows of a person (their intakes) and the Zoho record disagree.
 * One policy decides both what is written to Zoho and what is scored, on every path (intake, outbox, re-scoring):
 * the prospect that is scored is the record as it stands once the service's writes are made, with what the service
 * knows filling the fields Zoho leaves empty.
 * <ul>
 * <li>{@code overwrite}: the service's value replaces Zoho's;</li>
 * <li>{@code keep_edits} (the default): the service's value replaces Zoho's unless someone changed the field in Zoho
 * since the service last wrote it: a title sales corrected stands, a new title the person gives on a form is taken;</li>
 * <li>{@code fill_if_empty}: the service's value is written only where Zoho has none;</li>
 * <li>{@code never}: an existing record's field is never written (a new record still gets it).</li>
 * </ul>
 * Score fields are always the service's; the email is how records are matched and is never rewritten. Configured as
 * {@code zoho.field-policy.<field>}. What the service last wrote is remembered per prospect; for a record it has never
 * written (made in Zoho, or before this was remembered) any value Zoho holds counts as an edit.
 */
public final class FieldPolicy {

    public enum Rule {
        OVERWRITE, KEEP_EDITS, FILL_IF_EMPTY, NEVER;

        static Rule parse(String key, String value) {
            try {
                return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + " is '" + value + "'; use overwrite, keep_edits, fill_if_empty or never");
            }
        }
    }

    private static final String PREFIX = "zoho.field-policy.";
    private final Map<String, Rule> rules;

    /**
     * @throws IllegalArgumentException naming the key, for a field the policy cannot apply to or a value that is no rule
     */
    public FieldPolicy(Map<String, String> overrides) {
        this(overrides, java.util.Set.of());
    }

    /**
     * @param customAttributes the custom attributes carried to Zoho ({@code zoho.custom-fields}): the policy applies to
     *            them too, {@code keep_edits} unless configured
     * @throws IllegalArgumentException naming the key, for a field the policy cannot apply to or a value that is no rule
     */
    public FieldPolicy(Map<String, String> overrides, java.util.Set<String> customAttributes) {
        Map<String, Rule> merged = new LinkedHashMap<>();
        FieldMapping.PROSPECT_FIELDS.forEach(f -> merged.put(f, Rule.KEEP_EDITS));
        customAttributes.forEach(a -> merged.put(a, Rule.KEEP_EDITS));
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String field = merged.containsKey(e.getKey()) ? e.getKey() : e.getKey().replace('-', '_');
            if (!merged.containsKey(field)) {
                throw new IllegalArgumentException(PREFIX + e.getKey() + " is not a field the policy applies to; use one of "
                        + new TreeSet<>(merged.keySet()) + " (score fields are always the service's)");
            }
            merged.put(field, Rule.parse(PREFIX + e.getKey(), e.getValue()));
        }
        this.rules = Map.copyOf(merged);
    }

    public static FieldPolicy defaults() {
        return new FieldPolicy(Map.of());
    }

    /** The rule of a prospect field that is mapped to Zoho. */
    public Rule rule(String field) {
        Rule rule = rules.get(field);
        if (rule == null) {
            throw new IllegalArgumentException(field + " is not a field the policy applies to");
        }
        return rule;
    }

    /**
     * The value that stands once the service has written: {@code known} is the service's value, {@code inCrm} the
     * record's, {@code written} what the service last wrote there (null: nothing known), all as compared.
     */
    public Object standing(String field, Object known, Object inCrm, String written) {
        return switch (rule(field)) {
            case OVERWRITE -> known != null ? known : inCrm;
            case KEEP_EDITS -> edited(inCrm, written) || known == null ? inCrm : known;
            case FILL_IF_EMPTY, NEVER -> inCrm != null ? inCrm : known;
        };
    }

    /** Whether the service writes its value over what the record holds. */
    public boolean writes(String field, Object known, Object inCrm, String written) {
        if (known == null || FieldMapping.comparable(known).equals(FieldMapping.comparable(inCrm))) {
            return false;
        }
        return switch (rule(field)) {
            case OVERWRITE -> true;
            case KEEP_EDITS -> !edited(inCrm, written);
            case FILL_IF_EMPTY -> inCrm == null;
            case NEVER -> false;
        };
    }

    /** Whether the record holds a value the service did not write there. */
    private static boolean edited(Object inCrm, String written) {
        return inCrm != null && !FieldMapping.comparable(inCrm).equals(written);
    }
}
