package org.leadscoring.crm;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.leadscoring.scoring.Contribution;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ProspectFields;
import org.leadscoring.scoring.ScoreCard;

/**
 * Which field of the CRM each prospect field and score goes to, per kind of record, above the adapter: the adapter
 * names its defaults (Zoho's standard fields plus {@code Lead_Score}, {@code Lead_Grade} and {@code Score_Explanation},
 * in {@code crm/zoho/ZohoFields}); configuration ({@code zoho.lead-fields.*}, {@code zoho.contact-fields.*}) renames or
 * drops any of them. Custom attributes (the fields an intake names that are not prospect fields, which rules read as
 * {@code custom["plan"]}) are carried to a field of both kinds by {@code zoho.custom-fields.<attribute>}, and from then
 * on behave as the prospect fields do: the field policy decides who wins, and the value that stands is the one scored.
 * <p>A little over ~300 lines: the mapping each way (prospect to record, record back to prospect, the changes a record
 * needs) must agree field for field, which is easiest to check when they sit together.
 */
public final class FieldMapping {

    /** The types a record's field holds that a prospect field can be read back from (text and numbers). */
    private static final Set<Class<?>> MAPPABLE_TYPES = Set.of(String.class, Integer.class, Long.class, java.math.BigDecimal.class);

    /**
     * The prospect fields that can be mapped, by their JSON names: every field of {@link ProspectFields} held as text or
     * a number, the email aside (it is the key); the field policy applies to all of them. A field added to
     * {@link Prospect} can be mapped without being listed here.
     */
    public static final List<String> PROSPECT_FIELDS = ProspectFields.all().stream()
            .filter(f -> !f.name().equals("email") && MAPPABLE_TYPES.contains(f.type())).map(ProspectFields.Field::name).toList();

    /** The fields the service computes and always writes. */
    public static final List<String> SCORE_FIELDS = List.of("score", "fit_score", "engagement_score", "grade", "explanation");

    /** The names of the fields that can be mapped. */
    public static final Set<String> FIELDS = fields();

    static final int EXPLANATION_MAX = 2000;

    private final Map<RecordKind, Map<String, String>> byModule;
    private final Map<String, String> customFields;
    private final List<Carried> carried;
    private final FieldPolicy policy;

    /**
     * A field carried between a prospect and a record: a prospect field ({@code field} set), or a custom attribute.
     * Its name is what the field policy and the memory of what was written know it by.
     */
    private record Carried(String name, ProspectFields.Field field) {

        Object get(Prospect p) {
            return field != null ? field.get(p) : p.custom().get(name);
        }

        Object fromCrm(Object v) {
            return field != null ? FieldMapping.fromCrm(v, field.type()) : v == null || v.toString().isBlank() ? null : v;
        }
    }

    /**
     * @param defaults     the CRM's own field for each field, per kind of record (the adapter's: {@code ZohoFields.DEFAULTS})
     * @param customFields custom attribute → the CRM field it is written to in Leads and Contacts
     *            ({@code zoho.custom-fields})
     * @throws IllegalArgumentException naming the key, when an override names a field that cannot be mapped
     */
    public FieldMapping(Map<RecordKind, Map<String, String>> defaults, Map<String, String> leadOverrides, Map<String, String> contactOverrides,
            Map<String, String> customFields, FieldPolicy policy) {
        this.customFields = customFields(customFields);
        this.byModule = Map.of(RecordKind.LEADS, plusCustomFields(merge(defaults.get(RecordKind.LEADS), leadOverrides, "zoho.lead-fields."),
                this.customFields), RecordKind.CONTACTS, plusCustomFields(merge(defaults.get(RecordKind.CONTACTS), contactOverrides,
                        "zoho.contact-fields."), this.customFields));
        List<Carried> all = new java.util.ArrayList<>();
        PROSPECT_FIELDS.forEach(f -> all.add(new Carried(f, ProspectFields.named(f).orElseThrow())));
        this.customFields.keySet().forEach(a -> all.add(new Carried(a, null)));
        this.carried = List.copyOf(all);
        this.policy = policy;
    }

    /** The custom attributes carried to Zoho, each with the Zoho API name it is written to, by attribute name. */
    public Map<String, String> customFields() {
        return customFields;
    }

    public FieldPolicy policy() {
        return policy;
    }

    /** The Zoho API name of a field in a module, or null when it is not written there. */
    public String apiName(RecordKind module, String field) {
        return byModule.get(module).get(field);
    }

    /** Every Zoho field this mapping reads or writes in a module. */
    public List<String> apiNames(RecordKind module) {
        return byModule.get(module).values().stream().sorted().toList();
    }

    /** A prospect rebuilt from a Zoho record's fields (the reverse of {@link #recordFields}). */
    public Prospect prospectFrom(RecordKind module, String email, Map<String, Object> fields) {
        Map<String, Object> values = new HashMap<>();
        for (Carried c : carried) {
            String api = apiName(module, c.name());
            if (api != null) {
                values.put(c.name(), c.fromCrm(fields.get(api)));
            }
        }
        return with(Prospect.ofEmail(email), values).normalised();
    }

    /** The prospect with the carried fields' values replaced (a null value makes a custom attribute absent). */
    private Prospect with(Prospect p, Map<String, Object> values) {
        Map<String, Object> standard = new HashMap<>();
        Map<String, Object> custom = new java.util.TreeMap<>(p.custom());
        values.forEach((name, v) -> {
            if (customFields.containsKey(name)) {
                if (v == null) {
                    custom.remove(name);
                } else {
                    custom.put(name, v);
                }
            } else {
                standard.put(name, v);
            }
        });
        if (!custom.equals(p.custom())) {
            standard.put("custom", custom);
        }
        return ProspectFields.with(p, standard);
    }

    /**
     * The prospect to score: the record as it stands once the service has written to it (see {@link FieldPolicy}),
     * with what the service knows filling what Zoho leaves empty and the fields Zoho does not hold. Either side may be
     * missing: a person not in Zoho yet, or a record made in Zoho that no intake has named.
     */
    public Prospect standing(Prospect known, CrmRecord record, Map<String, String> written) {
        if (record == null) {
            return known;
        }
        Prospect inCrm = prospectFrom(record.module(), known != null ? known.email() : record.emailKey(), record.fields());
        if (known == null) {
            return inCrm;
        }
        Prospect k = known.normalised();
        Map<String, Object> values = new HashMap<>();
        for (Carried c : carried) {
            if (apiName(record.module(), c.name()) != null) {
                values.put(c.name(), policy.standing(c.name(), c.get(k), c.get(inCrm), written.get(c.name())));
            }
        }
        return with(k, values);
    }

    /**
     * What the service writes to an existing record: the prospect fields the policy lets it write that differ, and the
     * score fields that differ. Empty when the record already holds all of it, so nothing needs to be sent.
     */
    public Map<String, Object> changes(CrmRecord record, Prospect known, Map<String, String> written, ScoreCard card) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (known != null) {
            Prospect k = known.normalised();
            Prospect inCrm = prospectFrom(record.module(), k.email(), record.fields());
            for (Carried c : carried) {
                if (policy.writes(c.name(), c.get(k), c.get(inCrm), written.get(c.name()))) {
                    put(out, record.module(), c.name(), c.get(k));
                }
            }
        }
        for (Map.Entry<String, Object> e : scoreFields(record.module(), card).entrySet()) {
            if (!comparable(record.fields().get(e.getKey())).equals(comparable(e.getValue()))) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    /** The prospect fields among fields written to a record (by API name), as compared: what to remember as written. */
    public Map<String, String> written(RecordKind module, Map<String, Object> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Carried c : carried) {
            String api = apiName(module, c.name());
            if (api != null && fields.containsKey(api)) {
                out.put(c.name(), comparable(fields.get(api)));
            }
        }
        return out;
    }

    private static Object fromCrm(Object v, Class<?> type) {
        if (v == null || v.toString().isBlank()) {
            return null;
        }
        if (type == String.class) {
            return v.toString();
        }
        try {
            java.math.BigDecimal d = new java.math.BigDecimal(v.toString().replace(",", "").trim());
            if (type == Integer.class) {
                return d.intValue();
            }
            if (type == Long.class) {
                return d.longValue();
            }
            if (type == java.math.BigDecimal.class) {
                return d;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        throw new IllegalStateException("a " + type.getSimpleName() + " field cannot be mapped to Zoho");
    }

    /** A value as compared with what Zoho holds: numbers without trailing zeros, null as empty. */
    public static String comparable(Object v) {
        if (v instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return v == null ? "" : v.toString();
    }

    /**
     * The prospect's fields as Zoho wants them for a new record. {@code Last_Name} is mandatory in Zoho: when the
     * prospect has none, the email's local part stands in, and {@code notes} says so.
     */
    public Map<String, Object> recordFields(RecordKind module, Prospect p, List<String> notes) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, module, "email", p.email());
        for (Carried c : carried) {
            Object value = c.get(p);
            if (c.name().equals("last_name") && value == null) {
                value = p.getEmailLocalPart();
                notes.add("No last name given: Last_Name set to \"" + value + "\" from the email address");
            }
            put(out, module, c.name(), value);
        }
        return out;
    }

    /** The score fields of a record: total, grade, the axes where mapped, and a short explanation. */
    public Map<String, Object> scoreFields(RecordKind module, ScoreCard card) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, module, "score", card.total());
        put(out, module, "fit_score", card.fit());
        put(out, module, "engagement_score", card.engagement());
        put(out, module, "grade", card.grade());
        put(out, module, "explanation", explanation(card));
        return out;
    }

    /** "Fit 65: VP-level title +20, … | Engagement 40: Demo requested +40", cut to what a Zoho text field holds. */
    public static String explanation(ScoreCard card) {
        StringBuilder sb = new StringBuilder();
        appendAxis(sb, "Fit", card.fit(), card, org.leadscoring.scoring.Axis.FIT);
        appendAxis(sb, "Engagement", card.engagement(), card, org.leadscoring.scoring.Axis.ENGAGEMENT);
        if (sb.isEmpty()) {
            sb.append("Unscored: no rule applied");
        }
        return sb.length() <= EXPLANATION_MAX ? sb.toString() : sb.substring(0, EXPLANATION_MAX - 1) + "…";
    }

    private static void appendAxis(StringBuilder sb, String label, Integer score, ScoreCard card, org.leadscoring.scoring.Axis axis) {
        if (score == null) {
            return;
        }
        sb.append(sb.isEmpty() ? "" : " | ").append(label).append(' ').append(score).append(':');
        boolean first = true;
        for (Contribution c : card.contributions()) {
            if (c.axis() == axis && c.points() != 0) {
                sb.append(first ? " " : ", ").append(c.rule()).append(' ').append(c.points() > 0 ? "+" : "").append(c.points());
                first = false;
            }
        }
    }

    private void put(Map<String, Object> out, RecordKind module, String field, Object value) {
        String api = apiName(module, field);
        if (api != null && value != null) {
            out.put(api, value);
        }
    }

    private static Map<String, String> merge(Map<String, String> defaults, Map<String, String> overrides, String prefix) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String field = e.getKey().replace('-', '_');
            if (!FIELDS.contains(field)) {
                throw new IllegalArgumentException(prefix + e.getKey() + " is not a field that can be mapped; use one of " + new java.util.TreeSet<>(FIELDS));
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                merged.remove(field);
            } else {
                merged.put(field, e.getValue().trim());
            }
        }
        return Map.copyOf(merged);
    }

    /** The custom attributes' mapping as configured, refused where an attribute is a prospect field or an API name is empty. */
    private static Map<String, String> customFields(Map<String, String> configured) {
        Map<String, String> out = new java.util.TreeMap<>();
        for (Map.Entry<String, String> e : configured.entrySet()) {
            String attribute = e.getKey().trim();
            if (FIELDS.contains(attribute) || ProspectFields.named(attribute).isPresent()) {
                throw new IllegalArgumentException("zoho.custom-fields." + e.getKey() + " names a prospect field, not a custom attribute; map it with zoho.lead-fields."
                        + attribute + " and zoho.contact-fields." + attribute);
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new IllegalArgumentException("zoho.custom-fields." + e.getKey() + " is empty; give the Zoho API name of the field, or remove the key");
            }
            out.put(attribute, e.getValue().trim());
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static Map<String, String> plusCustomFields(Map<String, String> mapping, Map<String, String> customFields) {
        Map<String, String> out = new LinkedHashMap<>(mapping);
        out.putAll(customFields);
        return Map.copyOf(out);
    }

    private static Set<String> fields() {
        Set<String> all = new java.util.LinkedHashSet<>();
        all.add("email");
        all.addAll(PROSPECT_FIELDS);
        all.addAll(SCORE_FIELDS);
        return java.util.Collections.unmodifiableSet(all);
    }
}
