package org.leadscoring.scoring;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/** Normalises country names and codes as forms send them ("USA", "United Kingdom", "de") to ISO 3166 alpha-2. */
final class Countries {

    private static final Map<String, String> BY_NAME = build();

    private Countries() {
    }

    /** The ISO alpha-2 code for a country name or code, or the trimmed input when it is not recognised. */
    static String normalise(String country) {
        if (country == null || country.isBlank()) {
            return null;
        }
        String trimmed = country.trim();
        return BY_NAME.getOrDefault(key(trimmed), trimmed);
    }

    private static String key(String s) {
        return s.toLowerCase(Locale.ROOT).replace(".", "").replaceAll("\\s+", " ");
    }

    private static Map<String, String> build() {
        Map<String, String> map = new HashMap<>();
        for (String code : Locale.getISOCountries()) {
            Locale locale = new Locale("", code);
            map.put(key(code), code);
            map.put(key(locale.getISO3Country()), code);
            map.put(key(locale.getDisplayCountry(Locale.ENGLISH)), code);
        }
        map.put("usa", "US");
        map.put("us", "US");
        map.put("america", "US");
        map.put("united states of america", "US");
        map.put("uk", "GB");
        map.put("great britain", "GB");
        map.put("england", "GB");
        map.put("scotland", "GB");
        map.put("wales", "GB");
        map.put("northern ireland", "GB");
        map.put("deutschland", "DE");
        map.put("holland", "NL");
        map.put("the netherlands", "NL");
        map.put("south korea", "KR");
        map.put("russia", "RU");
        map.put("uae", "AE");
        return Map.copyOf(map);
    }
}
