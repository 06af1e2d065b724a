package org.leadscoring.scoring;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How senior a job title is, derived from the free-text title so that rules compare a value instead of
 * repeating regular expressions.
 */
public enum Seniority {
    EXECUTIVE("\\b(ceo|cto|cfo|coo|cmo|cio|ciso|cro|cpo|chief|founder|co-founder|cofounder|owner|president|partner|managing director|general manager)\\b"),
    VP("\\b(vp|svp|evp|avp|vice president|vice-president|head of)\\b"),
    DIRECTOR("\\b(director)\\b"),
    MANAGER("\\b(manager|lead|team lead|supervisor)\\b"),
    STUDENT("\\b(student|intern|internship|trainee|apprentice)\\b"),
    INDIVIDUAL(".+"),
    UNKNOWN("");

    // The most senior match wins: "Vice President and Sales Director" is a VP.
    private static final List<Seniority> MATCH_ORDER = List.of(EXECUTIVE, VP, DIRECTOR, MANAGER, STUDENT, INDIVIDUAL);

    // "S.V.P." is "svp"; other dots separate words ("Sr.Director").
    private static final Pattern ABBREVIATION_DOT = Pattern.compile("(?<=\\b\\w)\\.");

    private static final Memo<String, Seniority> RECENT = new Memo<>(Seniority::classify, 10_000);

    private final Pattern pattern;

    Seniority(String regex) {
        this.pattern = Pattern.compile(regex, Pattern.CASE_INSENSITIVE);
    }

    /** The seniority of a job title; {@link #UNKNOWN} when there is no title. */
    public static Seniority of(String title) {
        if (title == null || title.isBlank()) {
            return UNKNOWN;
        }
        return RECENT.get(title);
    }

    private static Seniority classify(String title) {
        String normalised = ABBREVIATION_DOT.matcher(title.toLowerCase(Locale.ROOT)).replaceAll("").replace('.', ' ').trim();
        for (Seniority level : MATCH_ORDER) {
            if (level.pattern.matcher(normalised).find()) {
                return level;
            }
        }
        return UNKNOWN;
    }
}
