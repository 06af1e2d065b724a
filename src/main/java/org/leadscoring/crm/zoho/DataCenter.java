package org.leadscoring.crm.zoho;

import java.util.Arrays;
import java.util.Locale;

/** A Zoho data centre: where an organisation's accounts server and CRM API live. Refresh tokens are bound to one. */
public enum DataCenter {
    US("com", "https://accounts.zoho.com", "https://www.zohoapis.com"),
    EU("eu", "https://accounts.zoho.eu", "https://www.zohoapis.eu"),
    IN("in", "https://accounts.zoho.in", "https://www.zohoapis.in"),
    AU("com.au", "https://accounts.zoho.com.au", "https://www.zohoapis.com.au"),
    JP("jp", "https://accounts.zoho.jp", "https://www.zohoapis.jp"),
    CA("ca", "https://accounts.zohocloud.ca", "https://www.zohoapis.ca"),
    SA("sa", "https://accounts.zoho.sa", "https://www.zohoapis.sa"),
    CN("com.cn", "https://accounts.zoho.com.cn", "https://www.zohoapis.com.cn");

    private final String domain;
    private final String accountsUrl;
    private final String apiUrl;

    DataCenter(String domain, String accountsUrl, String apiUrl) {
        this.domain = domain;
        this.accountsUrl = accountsUrl;
        this.apiUrl = apiUrl;
    }

    /** The data centre for a {@code zoho.dc} value: its domain suffix ({@code com}, {@code eu}, {@code com.au} …). */
    public static DataCenter of(String dc) {
        String key = dc == null ? "com" : dc.trim().toLowerCase(Locale.ROOT).replaceFirst("^\\.", "");
        return Arrays.stream(values()).filter(d -> d.domain.equals(key) || d.name().equalsIgnoreCase(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("zoho.dc must be one of com, eu, in, com.au, jp, ca, sa, com.cn; not '" + dc + "'"));
    }

    public String domain() {
        return domain;
    }

    /** The accounts server that issues tokens; the token endpoint is this plus {@code /oauth/v2/token}. */
    public String accountsUrl() {
        return accountsUrl;
    }

    /** The CRM API's base, used until a token response names its {@code api_domain}. */
    public String apiUrl() {
        return apiUrl;
    }
}
