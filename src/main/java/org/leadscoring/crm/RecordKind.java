package org.leadscoring.crm;

/**
 * The kinds of record in the CRM the service writes (Leads, Contacts) and reads outcomes from (Deals too). The label is
 * how answers, the score history and the stored standing name them ({@code zoho_module}); an adapter maps each kind to
 * its CRM's own name (Zoho's modules happen to carry the same).
 */
public enum RecordKind {
    LEADS("Leads"), CONTACTS("Contacts"), DEALS("Deals");

    private final String label;

    RecordKind(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
