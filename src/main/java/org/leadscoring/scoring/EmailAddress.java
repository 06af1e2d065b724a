package org.leadscoring.scoring;

import java.util.Locale;
import java.util.Optional;

import com.ibm.icu.text.IDNA;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;

/**
 * Who a person is: one canonical spelling of an email address, used for idempotency, dedupe, storage and every lookup in
 * the CRM, so that one mailbox written two ways is one person and two mailboxes that a CRM compares loosely stay two.
 * <ul>
 * <li>the whole address is trimmed and put in Unicode normalisation form NFKC (full-width {@code ｍａｉｌ} is {@code mail},
 * {@code ＠} is {@code @});</li>
 * <li>the domain is mapped and converted to ASCII by IDNA (UTS #46, non-transitional): lower-cased, and an
 * internationalised name in punycode ({@code bücher-check.de} and {@code xn--bcher-check-thb.de} are one domain);</li>
 * <li>the local part is lower-cased (Unicode, locale-independent) and otherwise kept: mail servers may treat case as
 * significant, but no CRM does and people type addresses in any case; dots and {@code +tags} are kept, since whether they
 * matter is each provider's own rule.</li>
 * </ul>
 * Lower-casing is not case folding: a dotless {@code ı} stays {@code ı}, so {@code dıana@…} is not {@code diana@…}
 * (Zoho's own search folds them together; see {@link #same}). ICU4J does the Unicode work.
 */
public final class EmailAddress {

    private static final IDNA IDNA_UTS46 = IDNA.getUTS46Instance(IDNA.NONTRANSITIONAL_TO_ASCII | IDNA.CHECK_BIDI | IDNA.CHECK_CONTEXTJ);
    private static final Normalizer2 NFKC = Normalizer2.getNFKCInstance();
    /** Its checks of one identifier are thread-safe (ICU4J's documentation), so one serves every request. */
    private static final SpoofChecker SPOOF = new SpoofChecker.Builder().setRestrictionLevel(SpoofChecker.RestrictionLevel.HIGHLY_RESTRICTIVE)
            .build();

    private EmailAddress() {
    }

    /** The canonical spelling of {@code email}; null for null. An address IDNA refuses keeps its domain lower-cased ({@link #problem} says why). */
    public static String canonical(String email) {
        if (email == null) {
            return null;
        }
        String trimmed = email.trim();
        if (isPlainAscii(trimmed)) {
            // NFKC and UTS #46 leave such an address as it is, but for case.
            return trimmed.toLowerCase(Locale.ROOT);
        }
        String text = NFKC.normalize(trimmed);
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return text.toLowerCase(Locale.ROOT);
        }
        String local = text.substring(0, at).toLowerCase(Locale.ROOT);
        String domain = text.substring(at + 1);
        return local + "@" + idna(domain, true).orElse(domain.toLowerCase(Locale.ROOT));
    }

    /** Whether two spellings are the same mailbox (both canonical and equal); never true when either is null. */
    public static boolean same(String a, String b) {
        return a != null && b != null && canonical(a).equals(canonical(b));
    }

    /**
     * The spellings under which a CRM may hold this mailbox: the canonical one, and — for an internationalised domain —
     * the same address with its domain in Unicode, as records written before the service spelt them in punycode hold it.
     */
    public static java.util.List<String> spellings(String email) {
        String canonical = canonical(email);
        int at = canonical == null ? -1 : canonical.lastIndexOf('@');
        if (at < 0 || !canonical.substring(at + 1).contains("xn--")) {
            return canonical == null ? java.util.List.of() : java.util.List.of(canonical);
        }
        String domain = canonical.substring(at + 1);
        return idna(domain, false).filter(unicode -> !unicode.equals(domain))
                .map(unicode -> java.util.List.of(canonical, canonical.substring(0, at + 1) + unicode)).orElse(java.util.List.of(canonical));
    }

    /**
     * Why the address cannot be a person's identity, or empty: its domain is not a valid internationalised name, or one
     * of its labels mixes scripts the way look-alike domains do ({@code mаilinator.com} with a Cyrillic {@code а};
     * Unicode's "highly restrictive" level, as browsers use to decide when to show punycode).
     */
    public static Optional<String> problem(String email) {
        if (email == null) {
            return Optional.empty();
        }
        String text = NFKC.normalize(email.trim());
        int at = text.lastIndexOf('@');
        if (at < 0) {
            return Optional.empty();
        }
        Optional<String> unicode = idna(text.substring(at + 1), false);
        if (unicode.isEmpty()) {
            return Optional.of("has a domain that is not a valid domain name");
        }
        for (String label : unicode.get().split("\\.")) {
            if (!label.isEmpty() && !isPlainAscii(label) && SPOOF.failsChecks(label)) {
                return Optional.of("has a domain that mixes scripts the way look-alike domains do");
            }
        }
        return Optional.empty();
    }

    /** A domain through IDNA (UTS #46) to ASCII (punycode) or to Unicode; empty when IDNA finds it invalid. */
    private static Optional<String> idna(String domain, boolean toAscii) {
        StringBuilder out = new StringBuilder();
        IDNA.Info info = new IDNA.Info();
        if (toAscii) {
            IDNA_UTS46.nameToASCII(domain, out, info);
        } else {
            IDNA_UTS46.nameToUnicode(domain, out, info);
        }
        return info.hasErrors() ? Optional.empty() : Optional.of(out.toString());
    }

    private static boolean isPlainAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        // Punycode labels are ASCII, but they must be checked (and their case folded) like any other IDN.
        return !s.regionMatches(true, s.indexOf('@') + 1, "xn--", 0, 4) && !s.toLowerCase(Locale.ROOT).contains(".xn--");
    }
}
