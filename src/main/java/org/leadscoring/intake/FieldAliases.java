package org.leadscoring.intake;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps the names forms and Zaps give fields ("First Name", "firstName", "fname", "lead__first_name") to the
 * service's fields. Names are compared without case, spaces or punctuation; a nested name also matches by its last
 * part.
 */
public final class FieldAliases {

    private static final Map<String, List<String>> BUILT_IN = Map.ofEntries(
            Map.entry("email", List.of("email", "emailaddress", "mail", "workemail", "businessemail", "e-mail")),
            Map.entry("first_name", List.of("firstname", "fname", "givenname", "first", "forename")),
            Map.entry("last_name", List.of("lastname", "lname", "surname", "familyname", "last")),
            Map.entry("company", List.of("company", "companyname", "organization", "organisation", "org", "account", "accountname", "employer")),
            Map.entry("title", List.of("title", "jobtitle", "position", "role", "designation", "job")),
            Map.entry("phone", List.of("phone", "phonenumber", "mobile", "mobilephone", "tel", "telephone", "workphone")),
            Map.entry("country", List.of("country", "countrycode", "countryname", "nation")),
            Map.entry("industry", List.of("industry", "sector", "vertical")),
            Map.entry("employee_count", List.of("employeecount", "employees", "numberofemployees", "noofemployees", "companysize",
                    "headcount", "staff", "teamsize")),
            Map.entry("annual_revenue", List.of("annualrevenue", "revenue", "companyrevenue")),
            Map.entry("lead_source", List.of("leadsource", "source", "utmsource", "channel")),
            Map.entry("purchased", List.of("purchased", "haspurchased", "iscustomer", "customer", "paid")),
            Map.entry("purchase_amount", List.of("purchaseamount", "amount", "ordertotal", "ordervalue", "total", "price")),
            Map.entry("email_opt_in", List.of("emailoptin", "optin", "marketingconsent", "consent", "subscribe", "newsletteroptin", "acceptsmarketing")),
            Map.entry("do_not_contact", List.of("donotcontact", "dnc", "donotemail")),
            Map.entry("activity", List.of("activity", "activitytype", "event", "eventtype", "eventname", "action", "type")),
            Map.entry("activity_at", List.of("activityat", "at", "eventat", "occurredat", "timestamp", "date", "time", "createdat", "submittedat")),
            Map.entry("model", List.of("model", "scoringmodel")));

    /** The fields an intake takes by name (the prospect's, {@code activity}, {@code activity_at}, {@code model}), sorted. */
    public static java.util.SortedSet<String> fields() {
        return java.util.Collections.unmodifiableSortedSet(new java.util.TreeSet<>(BUILT_IN.keySet()));
    }

    private final Map<String, String> fieldByAlias = new HashMap<>();

    public FieldAliases(Map<String, List<String>> extra) {
        BUILT_IN.forEach((field, aliases) -> aliases.forEach(a -> fieldByAlias.put(normalise(a), field)));
        BUILT_IN.keySet().forEach(field -> fieldByAlias.put(normalise(field), field));
        extra.forEach((field, aliases) -> {
            String canonical = field.replace('-', '_');
            if (!BUILT_IN.containsKey(canonical)) {
                throw new IllegalArgumentException("leadscoring.intake.aliases." + field + ": no such field; fields are " + new java.util.TreeSet<>(BUILT_IN.keySet()));
            }
            aliases.forEach(a -> fieldByAlias.put(normalise(a), canonical));
        });
    }

    /** The service field a payload key stands for, if any. */
    public Optional<String> fieldOf(String key) {
        String whole = fieldByAlias.get(normalise(key));
        if (whole != null) {
            return Optional.of(whole);
        }
        int nested = Math.max(key.lastIndexOf("__"), key.lastIndexOf('.'));
        if (nested >= 0) {
            return Optional.ofNullable(fieldByAlias.get(normalise(key.substring(nested + (key.startsWith("__", nested) ? 2 : 1)))));
        }
        return Optional.empty();
    }

    static String normalise(String key) {
        return key.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
