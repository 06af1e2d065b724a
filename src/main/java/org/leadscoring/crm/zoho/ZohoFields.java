package org.leadscoring.crm.zoho;

import java.util.LinkedHashMap;
import java.util.Map;

import org.leadscoring.crm.FieldMapping;
import org.leadscoring.crm.FieldPolicy;
import org.leadscoring.crm.RecordKind;

/** Zoho's field for each field of the {@link FieldMapping} by default: its standard fields and three custom ones for the scores. */
public final class ZohoFields {

    private static final Map<String, String> LEADS = ordered(
            "email", "Email", "first_name", "First_Name", "last_name", "Last_Name", "company", "Company", "title", "Designation",
            "phone", "Phone", "country", "Country", "industry", "Industry", "employee_count", "No_of_Employees",
            "annual_revenue", "Annual_Revenue", "lead_source", "Lead_Source",
            "score", "Lead_Score", "grade", "Lead_Grade", "explanation", "Score_Explanation");

    // Contacts have no company, industry or size: those live on the Account.
    private static final Map<String, String> CONTACTS = ordered(
            "email", "Email", "first_name", "First_Name", "last_name", "Last_Name", "title", "Title", "phone", "Phone",
            "country", "Mailing_Country", "lead_source", "Lead_Source",
            "score", "Lead_Score", "grade", "Lead_Grade", "explanation", "Score_Explanation");

    /** The defaults, per kind of record the service writes. */
    public static final Map<RecordKind, Map<String, String>> DEFAULTS = Map.of(RecordKind.LEADS, LEADS, RecordKind.CONTACTS, CONTACTS);

    private ZohoFields() {
    }

    /** The mapping with Zoho's defaults and nothing configured. */
    public static FieldMapping mapping() {
        return new FieldMapping(DEFAULTS, Map.of(), Map.of(), Map.of(), FieldPolicy.defaults());
    }

    private static Map<String, String> ordered(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return java.util.Collections.unmodifiableMap(map);
    }
}
