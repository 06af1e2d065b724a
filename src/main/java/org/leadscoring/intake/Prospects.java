package org.leadscoring.intake;

import java.util.Map;
import java.util.TreeMap;

import org.leadscoring.scoring.Prospect;

/** How a prospect's stored fields take in a newer intake: what the newer one says wins, what it leaves out is kept. */
public final class Prospects {

    private Prospects() {
    }

    public static Prospect merge(Prospect old, Prospect newer) {
        Map<String, Object> custom = new TreeMap<>(old.custom());
        custom.putAll(newer.custom());
        return new Prospect(newer.email(), or(newer.firstName(), old.firstName()), or(newer.lastName(), old.lastName()),
                or(newer.company(), old.company()), or(newer.title(), old.title()), or(newer.phone(), old.phone()),
                or(newer.country(), old.country()), or(newer.industry(), old.industry()), or(newer.employeeCount(), old.employeeCount()),
                or(newer.annualRevenue(), old.annualRevenue()), or(newer.leadSource(), old.leadSource()), newer.purchased() || old.purchased(),
                or(newer.purchaseAmount(), old.purchaseAmount()), or(newer.emailOptIn(), old.emailOptIn()),
                newer.doNotContact() || old.doNotContact(), custom);
    }

    private static <T> T or(T preferred, T fallback) {
        return preferred != null ? preferred : fallback;
    }
}
