package org.leadscoring.crm.zoho;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.leadscoring.scoring.Contribution;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ScoreCard;

/**
 * Which Zoho field each prospect field and score goes to, per module. Defaults are Zoho's standard fields plus
 * the custom fields {@code Lead_Score}, {@code Lead_Grade} and {@code Score_Explanation}; configuration
 * ({@code zoho.lead-fields.*}, {@code zoho.contact-fields.*}) renames or drops any of them.
 */
public final class FieldMapping {

    /** The names of the fields that can be mapped. */
    public static final Set<String> FIELDS = Set.of("email", "first_name", "last_name", "company", "title", "phone", "country",
            "industry", "employee_count", "annual_revenue", "lead_source", "score", "fit_score", "engagement_score", "grade", "explanation");

    static final int EXPLANATION_MAX = 2000;

    private static final Map<String, String> LEAD_DEFAULTS = ordered(
            "email", "Email", "first_name", "First_Name", "last_name", "Last_Name", "company", "Company", "title", "Designation",
            "phone", "Phone", "country", "Country", "industry", "Industry", "employee_count", "No_of_Employees",
            "annual_revenue", "Annual_Revenue", "lead_source", "Lead_Source",
            "score", "Lead_Score", "grade", "Lead_Grade", "explanation", "Score_Explanation");

    // Contacts have no company, industry or size: those live on the Account.
    private static final Map<String, String> CONTACT_DEFAULTS = ordered(
            "email", "Email", "first_name", "First_Name", "last_name", "Last_Name", "title", "Title", "phone", "Phone",
            "country", "Mailing_Country", "lead_source", "Lead_Source",
            "score", "Lead_Score", "grade", "Lead_Grade", "explanation", "Score_Explanation");

    private final Map<ZohoModule, Map<String, String>> byModule;

    /**
     * @throws IllegalArgumentException naming the key, when an override names a field that cannot be mapped
     */
    public FieldMapping(Map<String, String> leadOverrides, Map<String, String> contactOverrides) {
        this.byModule = Map.of(ZohoModule.LEADS, merge(LEAD_DEFAULTS, leadOverrides, "zoho.lead-fields."),
                ZohoModule.CONTACTS, merge(CONTACT_DEFAULTS, contactOverrides, "zoho.contact-fields."));
    }

    public static FieldMapping defaults() {
        return new FieldMapping(Map.of(), Map.of());
    }

    /** The Zoho API name of a field in a module, or null when it is not written there. */
    public String apiName(ZohoModule module, String field) {
        return byModule.get(module).get(field);
    }

    /** The Zoho fields to read back for a record: id, email, last name and the score fields. */
    public List<String> readFields(ZohoModule module) {
        List<String> names = new ArrayList<>();
        for (String field : List.of("email", "first_name", "last_name", "score", "fit_score", "engagement_score", "grade")) {
            String api = apiName(module, field);
            if (api != null) {
                names.add(api);
            }
        }
        return names;
    }

    /** Every Zoho field this mapping reads or writes in a module. */
    public List<String> apiNames(ZohoModule module) {
        return byModule.get(module).values().stream().sorted().toList();
    }

    /** A prospect rebuilt from a Zoho record's fields (the reverse of {@link #recordFields}). */
    public Prospect prospectFrom(ZohoModule module, String email, Map<String, Object> f) {
        return new Prospect(email, text(f, module, "first_name"), text(f, module, "last_name"), text(f, module, "company"), text(f, module, "title"),
                text(f, module, "phone"), text(f, module, "country"), text(f, module, "industry"), number(f, module, "employee_count", Integer.class),
                number(f, module, "annual_revenue", Long.class), text(f, module, "lead_source"), false, null, null, false, null).normalised();
    }

    /** Whether the score fields Zoho holds differ from {@code wanted} (as made by {@link #scoreFields}). */
    public static boolean differs(Map<String, Object> current, Map<String, Object> wanted) {
        for (Map.Entry<String, Object> e : wanted.entrySet()) {
            Object have = current.get(e.getKey());
            if (!comparable(have).equals(comparable(e.getValue()))) {
                return true;
            }
        }
        return false;
    }

    private static String comparable(Object v) {
        if (v instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return v == null ? "" : v.toString();
    }

    private String text(Map<String, Object> f, ZohoModule module, String field) {
        String api = apiName(module, field);
        Object v = api == null ? null : f.get(api);
        return v == null ? null : v.toString();
    }

    private <T> T number(Map<String, Object> f, ZohoModule module, String field, Class<T> type) {
        String api = apiName(module, field);
        Object v = api == null ? null : f.get(api);
        if (v == null) {
            return null;
        }
        try {
            java.math.BigDecimal d = new java.math.BigDecimal(v.toString().replace(",", ""));
            return type.cast(type == Integer.class ? (Object) d.intValue() : (Object) d.longValue());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The prospect's fields as Zoho wants them for a new record. {@code Last_Name} is mandatory in Zoho: when the
     * prospect has none, the email's local part stands in, and {@code notes} says so.
     */
    public Map<String, Object> recordFields(ZohoModule module, Prospect p, List<String> notes) {
        Map<String, Object> out = new LinkedHashMap<>();
        put(out, module, "email", p.email());
        put(out, module, "first_name", p.firstName());
        String lastName = p.lastName();
        if (lastName == null) {
            lastName = p.getEmailLocalPart();
            notes.add("No last name given: Last_Name set to \"" + lastName + "\" from the email address");
        }
        put(out, module, "last_name", lastName);
        put(out, module, "company", p.company());
        put(out, module, "title", p.title());
        put(out, module, "phone", p.phone());
        put(out, module, "country", p.country());
        put(out, module, "industry", p.industry());
        put(out, module, "employee_count", p.employeeCount());
        put(out, module, "annual_revenue", p.annualRevenue());
        put(out, module, "lead_source", p.leadSource());
        return out;
    }

    /** The score fields of a record: total, grade, the axes where mapped, and a short explanation. */
    public Map<String, Object> scoreFields(ZohoModule module, ScoreCard card) {
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

    private void put(Map<String, Object> out, ZohoModule module, String field, Object value) {
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

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
