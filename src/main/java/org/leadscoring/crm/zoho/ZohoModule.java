package org.leadscoring.crm.zoho;

/** The Zoho CRM modules the service writes to (Leads, Contacts) and reads outcomes from (Deals too). */
public enum ZohoModule {
    LEADS("Leads"), CONTACTS("Contacts"), DEALS("Deals");

    private final String apiName;

    ZohoModule(String apiName) {
        this.apiName = apiName;
    }

    /** The module's API name in URLs and COQL. */
    public String apiName() {
        return apiName;
    }
}
