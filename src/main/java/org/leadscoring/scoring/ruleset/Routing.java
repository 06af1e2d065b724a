package org.leadscoring.scoring.ruleset;

import java.util.Locale;

/** Where a routing rule sends a prospect regardless of score: to the Contacts, or nowhere (rejected). */
public enum Routing {
    CONTACT, REJECT;

    static Routing parse(String value) {
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "contact" -> CONTACT;
            case "reject" -> REJECT;
            default -> throw new IllegalArgumentException("@routing is 'contact' or 'reject', not '" + value + "'");
        };
    }
}
