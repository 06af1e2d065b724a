package org.leadscoring.outcomes;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.leadscoring.store.Database;

/** What sales did with each prospect, as the outcome sync last read it from Zoho: the prospect's outcome and their deals. */
@ApplicationScoped
public class Outcomes {

    private final Database db;
    private final org.leadscoring.store.ProspectRepository prospects;

    @Inject
    Outcomes(Database db, org.leadscoring.store.ProspectRepository prospects) {
        this.db = db;
        this.prospects = prospects;
    }

    /**
     * A prospect's outcome: their Lead (and its {@code Lead_Status}, with the kind of mark it is: {@code junk},
     * {@code disqualified}, {@code lost}, or null), and the Contact they became, when and by whom they were converted.
     */
    @Schema(name = "ProspectOutcomeRecord")
    public record Outcome(String email, String leadId, String leadStatus, String statusKind, String contactId, Instant convertedAt,
            String convertedBy) {

        /** This outcome with what {@code newer} knows filled in (a later read keeps what an earlier one found). */
        Outcome merge(Outcome newer) {
            return new Outcome(email, or(newer.leadId, leadId), newer.leadId != null ? newer.leadStatus : leadStatus,
                    newer.leadId != null ? newer.statusKind : statusKind, or(newer.contactId, contactId), or(convertedAt, newer.convertedAt),
                    or(convertedBy, newer.convertedBy));
        }

        private static <T> T or(T first, T second) {
            return first != null ? first : second;
        }
    }

    /** A deal with one of the prospect's Contacts: its stage and the stage's forecast type ({@code open}, {@code won}, {@code lost}). */
    public record Deal(String dealId, String email, String contactId, String stage, String forecastType, BigDecimal amount, LocalDate closingDate) {
    }

    public Optional<Outcome> find(String email) {
        return Optional.ofNullable(byEmail(List.of(email)).get(email));
    }

    /** The outcomes of these prospects that are known, by email. */
    public Map<String, Outcome> byEmail(Collection<String> emails) {
        Map<String, Outcome> out = new HashMap<>();
        for (List<String> some : chunks(emails)) {
            db.query("SELECT * FROM outcome WHERE email IN (" + Database.marks(some.size()) + ")", Outcomes::outcome, some.toArray())
                    .forEach(o -> out.put(o.email(), o));
        }
        return out;
    }

    /** Stores outcomes, each merged into what was known of its prospect. */
    void save(Collection<Outcome> outcomes, Instant now) {
        Map<String, Outcome> known = byEmail(outcomes.stream().map(Outcome::email).toList());
        db.batch("MERGE INTO outcome o USING (VALUES (CAST(? AS VARCHAR(254)), CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(120)), "
                + "CAST(? AS VARCHAR(20)), CAST(? AS VARCHAR(40)), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS VARCHAR(200)), "
                + "CAST(? AS TIMESTAMP WITH TIME ZONE))) AS v (email, lead_id, lead_status, status_kind, contact_id, converted_at, converted_by, "
                + "updated_at) ON o.email = v.email WHEN MATCHED THEN UPDATE SET lead_id = v.lead_id, lead_status = v.lead_status, "
                + "status_kind = v.status_kind, contact_id = v.contact_id, converted_at = v.converted_at, converted_by = v.converted_by, "
                + "updated_at = v.updated_at WHEN NOT MATCHED THEN INSERT (email, lead_id, lead_status, status_kind, contact_id, converted_at, "
                + "converted_by, updated_at) VALUES (v.email, v.lead_id, v.lead_status, v.status_kind, v.contact_id, v.converted_at, "
                + "v.converted_by, v.updated_at)", outcomes.stream().map(o -> {
                    Outcome m = known.containsKey(o.email()) ? known.get(o.email()).merge(o) : o;
                    known.put(o.email(), m);
                    return new Object[] { m.email(), m.leadId(), m.leadStatus(), m.statusKind(), m.contactId(), m.convertedAt(), m.convertedBy(), now };
                }).toList());
    }

    /** Stores deals as read (a deal read again replaces what was known of it). */
    void saveDeals(Collection<Deal> deals, Instant now) {
        db.batch("MERGE INTO outcome_deal d USING (VALUES (CAST(? AS VARCHAR(40)), CAST(? AS VARCHAR(254)), CAST(? AS VARCHAR(40)), "
                + "CAST(? AS VARCHAR(120)), CAST(? AS VARCHAR(20)), CAST(? AS DECIMAL(18, 2)), CAST(? AS DATE), CAST(? AS TIMESTAMP WITH TIME ZONE))) "
                + "AS v (deal_id, email, contact_id, stage, forecast_type, amount, closing_date, updated_at) ON d.deal_id = v.deal_id "
                + "WHEN MATCHED THEN UPDATE SET email = v.email, contact_id = v.contact_id, stage = v.stage, forecast_type = v.forecast_type, "
                + "amount = v.amount, closing_date = v.closing_date, updated_at = v.updated_at WHEN NOT MATCHED THEN INSERT (deal_id, email, "
                + "contact_id, stage, forecast_type, amount, closing_date, updated_at) VALUES (v.deal_id, v.email, v.contact_id, v.stage, "
                + "v.forecast_type, v.amount, v.closing_date, v.updated_at)",
                deals.stream().map(d -> new Object[] { d.dealId(), d.email(), d.contactId(), d.stage(), d.forecastType(), d.amount(),
                        d.closingDate(), now }).toList());
    }

    /** The deals of these prospects, by email. */
    public Map<String, List<Deal>> deals(Collection<String> emails) {
        Map<String, List<Deal>> out = new HashMap<>();
        for (List<String> some : chunks(emails)) {
            db.query("SELECT * FROM outcome_deal WHERE email IN (" + Database.marks(some.size()) + ") ORDER BY deal_id", Outcomes::deal, some.toArray())
                    .forEach(d -> out.computeIfAbsent(d.email(), k -> new java.util.ArrayList<>()).add(d));
        }
        return out;
    }

    /**
     * What came of every prospect with an outcome or a deal, by email: converted (as read from Zoho, or by the service
     * itself), deals won (any), open (none won, one open), lost (all lost), revenue won.
     */
    public Map<String, Calibration.Result> results() {
        java.util.Set<String> convertedByService = prospects.convertedByService();
        Map<String, Outcome> all = new HashMap<>();
        db.query("SELECT * FROM outcome", Outcomes::outcome).forEach(o -> all.put(o.email(), o));
        Map<String, List<Deal>> deals = new HashMap<>();
        db.query("SELECT * FROM outcome_deal", Outcomes::deal).forEach(d -> deals.computeIfAbsent(d.email(), k -> new java.util.ArrayList<>()).add(d));
        java.util.Set<String> emails = new java.util.HashSet<>(all.keySet());
        emails.addAll(deals.keySet());
        emails.addAll(convertedByService);
        Map<String, Calibration.Result> out = new HashMap<>();
        for (String email : emails) {
            out.put(email, result(all.get(email), deals.getOrDefault(email, List.of()), convertedByService.contains(email)));
        }
        return out;
    }

    /** Prospects as scored at the moments given, each with what came of them (nothing known: {@link Calibration.Result#NONE}). */
    public List<Calibration.Subject> subjects(List<org.leadscoring.history.ScoreHistory.Entry> moments) {
        Map<String, Calibration.Result> known = results();
        return moments.stream().map(e -> new Calibration.Subject(e.email(), e.scoredAt(), e.total(), e.grade(), e.qualified(), e.contributions(),
                known.getOrDefault(e.email(), Calibration.Result.NONE))).toList();
    }

    static Calibration.Result result(Outcome o, List<Deal> deals, boolean convertedByService) {
        Instant convertedAt = o == null ? null : o.convertedAt();
        boolean won = deals.stream().anyMatch(d -> "won".equals(d.forecastType()));
        boolean open = !won && deals.stream().anyMatch(d -> !"lost".equals(d.forecastType()));
        BigDecimal revenue = deals.stream().filter(d -> "won".equals(d.forecastType()) && d.amount() != null).map(Deal::amount)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        return new Calibration.Result(true, convertedAt != null || convertedByService, convertedAt, !deals.isEmpty(), won, !deals.isEmpty() && !won && !open,
                open, revenue);
    }

    /** Every prospect known by one of these Contact ids (a Contact the service created, or one a Lead became), by Contact id. */
    Map<String, String> emailsOfContacts(Collection<String> contactIds) {
        Map<String, String> out = new HashMap<>();
        for (List<String> some : chunks(contactIds)) {
            Object[] args = some.toArray();
            db.query("SELECT contact_id, email FROM outcome WHERE contact_id IN (" + Database.marks(some.size()) + ")",
                    row -> Map.entry(row.text("contact_id"), row.text("email")), args).forEach(e -> out.put(e.getKey(), e.getValue()));
            db.query("SELECT zoho_id, email FROM prospect WHERE zoho_module = 'Contacts' AND zoho_id IN (" + Database.marks(some.size()) + ")",
                    row -> Map.entry(row.text("zoho_id"), row.text("email")), args).forEach(e -> out.putIfAbsent(e.getKey(), e.getValue()));
        }
        return out;
    }

    private static Outcome outcome(Database.Row row) throws SQLException {
        return new Outcome(row.text("email"), row.text("lead_id"), row.text("lead_status"), row.text("status_kind"), row.text("contact_id"),
                row.instant("converted_at"), row.text("converted_by"));
    }

    private static Deal deal(Database.Row row) throws SQLException {
        return new Deal(row.text("deal_id"), row.text("email"), row.text("contact_id"), row.text("stage"), row.text("forecast_type"),
                row.decimal("amount"), row.date("closing_date"));
    }

    private static List<List<String>> chunks(Collection<String> values) {
        List<String> all = List.copyOf(new java.util.LinkedHashSet<>(values));
        List<List<String>> out = new java.util.ArrayList<>();
        for (int from = 0; from < all.size(); from += 500) {
            out.add(all.subList(from, Math.min(all.size(), from + 500)));
        }
        return out;
    }

}
