package org.leadscoring.crm.zoho;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.leadscoring.crm.Crm;
import org.leadscoring.crm.CrmRecord;
import org.leadscoring.crm.OutcomeFact;
import org.leadscoring.crm.RecordKind;
import org.leadscoring.crm.RecordPage;

/**
 * The outcome sync's reads in Zoho's words: which fields of Leads, Contacts and Deals say what became of a person, and
 * how their values read ({@code Converted__s}, {@code Lead_Status}, a lookup's {@code id}, a user's {@code name}, a
 * stage's forecast type). Values that do not read as their type are taken as unknown, not as errors.
 */
final class ZohoOutcomes {

    static final Map<RecordKind, List<String>> FIELDS = Map.of(
            RecordKind.LEADS, List.of("Lead_Status", "Converted_Date_Time", "Converted_Contact", "Modified_By"),
            RecordKind.CONTACTS, List.of("Created_Time", "Created_By"),
            RecordKind.DEALS, List.of("Stage", "Amount", "Closing_Date", "Contact_Name"));

    private ZohoOutcomes() {
    }

    /**
     * The facts of the records of {@code kind} modified since {@code since}, a page at a time; the stages' forecast
     * types are read (one call) only for a page of Deals that has any.
     */
    static OutcomeFact.Page read(Crm crm, java.util.function.Supplier<Map<String, String>> forecastTypes, RecordKind kind, Instant since,
            RecordPage.Cursor cursor, int limit) {
        RecordPage page = crm.modifiedSince(kind, FIELDS.get(kind), since, cursor, limit);
        Map<String, String> forecasts = kind == RecordKind.DEALS && !page.records().isEmpty() ? forecastTypes.get() : Map.of();
        List<OutcomeFact> facts = new ArrayList<>();
        for (CrmRecord r : page.records()) {
            Map<String, Object> f = r.fields();
            facts.add(switch (kind) {
                case LEADS -> new OutcomeFact.LeadFact(r.id(), r.email(), text(f.get("Lead_Status")), r.converted(),
                        r.converted() ? idOf(f.get("Converted_Contact")) : null, r.converted() ? instant(f.get("Converted_Date_Time")) : null,
                        r.converted() ? nameOf(f.get("Modified_By")) : null);
                case CONTACTS -> new OutcomeFact.ContactFact(r.id(), r.email(), instant(f.get("Created_Time")), nameOf(f.get("Created_By")));
                case DEALS -> {
                    String stage = text(f.get("Stage"));
                    yield new OutcomeFact.DealFact(r.id(), idOf(f.get("Contact_Name")), stage, result(forecasts, stage), amount(f.get("Amount")),
                            date(f.get("Closing_Date")));
                }
            });
        }
        return new OutcomeFact.Page(facts, page.next());
    }

    /** {@code won}, {@code lost} or {@code open} as the stage's forecast type says; null when Zoho does not say. */
    static String result(Map<String, String> forecastTypes, String stage) {
        String type = stage == null ? null : forecastTypes.get(stage);
        if (type == null) {
            return null;
        }
        String t = type.toLowerCase(Locale.ROOT);
        return t.contains("won") ? "won" : t.contains("lost") ? "lost" : "open";
    }

    private static String idOf(Object lookup) {
        return lookup instanceof Map<?, ?> m && m.get("id") != null ? m.get("id").toString() : lookup instanceof String s ? s : null;
    }

    private static String nameOf(Object user) {
        return user instanceof Map<?, ?> m && m.get("name") != null ? m.get("name").toString() : null;
    }

    private static String text(Object v) {
        return v == null ? null : v.toString();
    }

    private static Instant instant(Object v) {
        try {
            return v == null ? null : OffsetDateTime.parse(v.toString()).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDate date(Object v) {
        try {
            return v == null ? null : LocalDate.parse(v.toString());
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    private static BigDecimal amount(Object v) {
        try {
            return v == null ? null : new BigDecimal(v.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
