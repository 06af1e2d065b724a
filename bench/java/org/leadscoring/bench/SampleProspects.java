package org.leadscoring.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.leadscoring.scoring.Activity;
import org.leadscoring.scoring.Prospect;

/**
 * Prospects and activities drawn at random, with a fixed seed, from the values Zaps send: every rule of the
 * shipped model fires on some of them, and unknown values, missing fields and spam appear as often as they
 * do in real form traffic.
 */
public final class SampleProspects {

    /** A prospect with their activities, as one scoring call receives them. */
    public record Sample(Prospect prospect, List<Activity> activities) {
    }

    /** A fixed point in time for scoring, so runs are comparable. */
    public static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

    private static final String[] FIRST_NAMES = { "Sam", "Priya", "Lena", "Tom", "Ana", "Kofi", "Mei", "Omar", "Julia", "Raj", null };
    private static final String[] LAST_NAMES = { "Jones", "Natarajan", "Schmidt", "Okafor", "Silva", "Chen", "Test", "Buy now www.spam.biz", null };
    private static final String[] TITLES = { "CEO", "Co-Founder", "VP Marketing", "Head of Growth", "Marketing Director",
            "Sales Manager", "Team Lead", "Software Engineer", "Analyst", "Student", "Marketing Intern", "S.V.P. Sales", "", null };
    private static final String[] COMPANIES = { "Northwind", "Acme Corp", "Globex", "Initech", "Umbrella", null };
    private static final String[] COUNTRIES = { "US", "GB", "DE", "FR", "CA", "AU", "ES", "IN", "BR", "JP", "CN", "RU", "NG", null };
    private static final String[] INDUSTRIES = { "Software", "SaaS", "Financial Services", "Manufacturing", "Healthcare",
            "Retail", "Education", "Non-profit", "Government", "Mining", "Media & Entertainment", null };
    private static final String[] DOMAINS = { "northwind.io", "acme.com", "globex.de", "initech.co.uk", "gmail.com", "outlook.com",
            "yahoo.com", "mailinator.com", "example.com", "rival.example" };
    private static final String[] LOCAL_PARTS = { "sam", "priya.n", "lena", "tom.okafor", "test", "test12", "asdf", "info", "j.chen" };
    private static final String[] ACTIVITY_TYPES = { "newsletter_signup", "web_form", "whitepaper_download", "webinar_attended",
            "pricing_page_visit", "demo_request", "trial_signup", "email_click", "purchase", "unsubscribe", "careers_page_visit",
            "page_view" };

    private SampleProspects() {
    }

    /** {@code count} samples from {@code seed}; the same arguments give the same samples. */
    public static List<Sample> generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Sample> samples = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            samples.add(sample(random, i));
        }
        return samples;
    }

    private static Sample sample(SplittableRandom r, int i) {
        String email = pick(r, LOCAL_PARTS) + i + "@" + pick(r, DOMAINS);
        if (r.nextInt(10) == 0) {
            email = pick(r, LOCAL_PARTS) + "@" + pick(r, DOMAINS);
        }
        Integer employees = r.nextInt(5) == 0 ? null : (int) Math.round(Math.pow(10, r.nextDouble() * 4.5));
        Long revenue = r.nextInt(3) == 0 ? null : (long) Math.pow(10, 5 + r.nextDouble() * 4);
        Boolean optIn = switch (r.nextInt(3)) {
            case 0 -> null;
            case 1 -> Boolean.TRUE;
            default -> Boolean.FALSE;
        };
        Prospect prospect = new Prospect(email, pick(r, FIRST_NAMES), pick(r, LAST_NAMES), pick(r, COMPANIES), pick(r, TITLES),
                r.nextBoolean() ? "+1 555 0100" : null, pick(r, COUNTRIES), pick(r, INDUSTRIES), employees, revenue, null,
                r.nextInt(20) == 0, null, optIn, false, null).normalised();
        int activityCount = r.nextInt(9);
        List<Activity> activities = new ArrayList<>(activityCount);
        for (int a = 0; a < activityCount; a++) {
            Instant at = NOW.minus(Duration.ofHours(r.nextInt(24 * 150)));
            activities.add(new Activity(pick(r, ACTIVITY_TYPES), at));
        }
        return new Sample(prospect, List.copyOf(activities));
    }

    private static <T> T pick(SplittableRandom r, T[] values) {
        return values[r.nextInt(values.length)];
    }
}
