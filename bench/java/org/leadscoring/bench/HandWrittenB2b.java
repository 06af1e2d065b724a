package org.leadscoring.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import com.google.re2j.Pattern;

import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Evaluation;
import org.leadscoring.scoring.Prospect;
import org.leadscoring.scoring.ruleset.CompiledModel;
import org.leadscoring.scoring.ruleset.RuleHit;
import org.leadscoring.scoring.ruleset.RuleInfo;

/**
 * The shipped {@code b2b} rules ({@code rules/b2b/*.drl}) written by hand in plain Java, for the engine
 * benchmark's baseline only: it finds the same rule matches without Drools and hands them to the same
 * {@link CompiledModel#aggregate}, so both give identical score cards (checked by a test on generated
 * prospects). Written the way a careful engineer would: every derived value computed once, sets for lists,
 * regular expressions compiled once.
 */
public final class HandWrittenB2b {

    private static final Set<String> TARGET_INDUSTRIES = Set.of("software", "saas", "computer software", "technology",
            "information technology", "internet", "financial services", "fintech");
    private static final Set<String> ADJACENT_INDUSTRIES = Set.of("manufacturing", "healthcare", "professional services",
            "consulting", "retail", "e-commerce", "ecommerce", "telecommunications", "media", "marketing and advertising");
    private static final Set<String> LOW_FIT_INDUSTRIES = Set.of("education", "higher education", "non-profit", "nonprofit", "government");
    private static final Set<String> CORE_MARKETS = Set.of("US", "CA", "GB", "IE", "DE", "NL", "FR", "AU", "NZ", "SE", "DK", "NO",
            "FI", "CH", "AT", "BE");
    private static final Set<String> SECONDARY_MARKETS = Set.of("ES", "IT", "PT", "PL", "JP", "SG", "IL", "BR", "MX", "IN", "ZA", "AE");
    private static final Set<String> DISPOSABLE_DOMAINS = Set.of("mailinator.com", "guerrillamail.com", "10minutemail.com",
            "tempmail.com", "temp-mail.org", "yopmail.com", "trashmail.com", "getnada.com", "sharklasers.com", "dispostable.com",
            "maildrop.cc", "throwawaymail.com", "fakeinbox.com", "mailnesia.com");
    private static final Set<String> TEST_DOMAINS = Set.of("example.com", "example.org", "example.net", "test.com");
    private static final Set<String> COMPETITOR_DOMAINS = Set.of("competitor.example", "rival.example");
    // The rule language's matches is RE2's, in linear time; the hand-written model matches the same way.
    private static final Pattern TEST_LOCAL_PART = Pattern.compile("(test|testing|tester|asdf|qwerty|foo|foobar)[0-9]*");
    private static final Pattern LINK = Pattern.compile(".*(https?://|www\\.).*");

    private static final Map<String, String> ACTIVITY_RULES = Map.ofEntries(
            Map.entry("newsletter_signup", "Newsletter signup"),
            Map.entry("web_form", "Web form submitted"),
            Map.entry("whitepaper_download", "Whitepaper download"),
            Map.entry("webinar_attended", "Webinar attended"),
            Map.entry("pricing_page_visit", "Pricing page visit"),
            Map.entry("demo_request", "Demo requested"),
            Map.entry("trial_signup", "Free trial started"),
            Map.entry("email_click", "Email click"),
            Map.entry("purchase", "Purchase"),
            Map.entry("unsubscribe", "Unsubscribed"),
            Map.entry("careers_page_visit", "Careers page visit"));

    private final CompiledModel model;
    private final Map<String, RuleInfo> rules;

    /** The hand-written rules, scoring with the limits, decay and grades of {@code model} (the shipped b2b model). */
    public HandWrittenB2b(CompiledModel model) {
        this.model = model;
        this.rules = model.rules();
        for (String name : ACTIVITY_RULES.values()) {
            rule(name);
        }
    }

    /** Scores like {@link CompiledModel#evaluate} with the shipped rules. */
    public Evaluation evaluate(Prospect p, List<Activity> activities, Instant now) {
        List<RuleHit> hits = new ArrayList<>(16);
        fit(p, hits);
        routing(p, hits);
        if (Boolean.TRUE.equals(p.emailOptIn())) {
            hit(hits, "Opted in to marketing email", null);
        }
        for (Activity activity : activities) {
            Activity a = activity.asOf(now);
            String rule = ACTIVITY_RULES.get(a.type());
            if (rule != null) {
                hit(hits, rule, a);
            }
            if ("purchase".equals(a.type())) {
                hit(hits, "Purchase recorded", a);
            }
        }
        return model.aggregate(hits, now);
    }

    private void fit(Prospect p, List<RuleHit> hits) {
        switch (p.getSeniority()) {
            case EXECUTIVE -> hit(hits, "C-level or founder", null);
            case VP -> hit(hits, "VP-level title", null);
            case DIRECTOR -> hit(hits, "Director-level title", null);
            case MANAGER -> hit(hits, "Manager-level title", null);
            case INDIVIDUAL -> hit(hits, "Individual contributor", null);
            case STUDENT -> hit(hits, "Student or intern", null);
            case UNKNOWN -> {
            }
        }
        Integer employees = p.employeeCount();
        if (employees != null) {
            int n = employees;
            hit(hits, n < 10 ? "Micro company" : n < 50 ? "Small company" : n < 200 ? "Mid-size company"
                    : n < 1000 ? "Large company" : "Enterprise company", null);
        }
        Long revenue = p.annualRevenue();
        if (revenue != null) {
            if (revenue > 50_000_000L) {
                hit(hits, "Revenue over 50 million", null);
            } else if (revenue >= 10_000_000L) {
                hit(hits, "Revenue 10 to 50 million", null);
            }
        }
        String industry = p.getIndustryKey();
        if (industry != null) {
            if (TARGET_INDUSTRIES.contains(industry)) {
                hit(hits, "Target industry", null);
            } else if (ADJACENT_INDUSTRIES.contains(industry)) {
                hit(hits, "Adjacent industry", null);
            } else if (LOW_FIT_INDUSTRIES.contains(industry)) {
                hit(hits, "Low-fit industry", null);
            }
        }
        String country = p.country();
        if (country != null) {
            if (CORE_MARKETS.contains(country)) {
                hit(hits, "Core market", null);
            } else if (SECONDARY_MARKETS.contains(country)) {
                hit(hits, "Secondary market", null);
            }
        }
        hit(hits, p.isFreeEmail() ? "Free email address" : "Business email domain", null);
        if (p.phone() != null) {
            hit(hits, "Phone number given", null);
        }
        if (p.company() == null) {
            hit(hits, "No company name", null);
        }
    }

    private void routing(Prospect p, List<RuleHit> hits) {
        if (p.purchased()) {
            hit(hits, "Purchased", null);
        }
        String domain = p.getEmailDomain();
        String localPart = p.getEmailLocalPart();
        if (domain != null && DISPOSABLE_DOMAINS.contains(domain)) {
            hit(hits, "Disposable email domain", null);
        }
        if ((localPart != null && TEST_LOCAL_PART.matches(localPart)) || (domain != null && TEST_DOMAINS.contains(domain))
                || "Test".equals(p.lastName()) || "test".equals(p.lastName())) {
            hit(hits, "Test entry", null);
        }
        if (domain != null && COMPETITOR_DOMAINS.contains(domain)) {
            hit(hits, "Competitor", null);
        }
        if ((p.firstName() != null && LINK.matches(p.firstName())) || (p.lastName() != null && LINK.matches(p.lastName()))) {
            hit(hits, "Link in name", null);
        }
    }

    private void hit(List<RuleHit> hits, String rule, Activity activity) {
        hits.add(new RuleHit(rule(rule), activity));
    }

    private RuleInfo rule(String name) {
        RuleInfo rule = rules.get(name);
        if (rule == null) {
            throw new IllegalStateException("The shipped model has no rule \"" + name + "\": update HandWrittenB2b with the rules");
        }
        return rule;
    }
}
