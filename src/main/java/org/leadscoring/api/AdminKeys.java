package org.leadscoring.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;

import jakarta.inject.Inject;

import org.leadscoring.config.LeadScoringConfig;

/**
 * The keys of the rules workbench ({@code /api/workbench/**}), separate from the intake keys:
 * {@code leadscoring.admin-key} lists them comma-separated, each as {@code name:secret} (the name is recorded as
 * the author of what the key publishes) or a bare secret (author "admin"). With none configured the admin API is
 * off. Compared in constant time; never logged.
 */
@ApplicationScoped
public class AdminKeys {

    public static final String HEADER = "X-Admin-Key";

    private final LeadScoringConfig config;

    @Inject
    AdminKeys(LeadScoringConfig config) {
        this.config = config;
    }

    private record Key(String name, byte[] secret) {
    }

    private List<Key> keys;

    @PostConstruct
    void load() {
        keys = new ArrayList<>();
        for (String entry : config.adminKey().orElse(List.of())) {
            String e = entry.trim();
            if (e.isEmpty()) {
                continue;
            }
            int colon = e.indexOf(':');
            String name = colon > 0 ? e.substring(0, colon).trim() : "admin";
            String secret = colon > 0 ? e.substring(colon + 1).trim() : e;
            org.leadscoring.config.Secrets.register(secret);
            keys.add(new Key(name, secret.getBytes(StandardCharsets.UTF_8)));
        }
    }

    public boolean enabled() {
        return !keys.isEmpty();
    }

    /** The name of the key presented, when it is a valid admin key; every key is compared, in constant time. */
    public Optional<String> nameOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] given = presented.trim().getBytes(StandardCharsets.UTF_8);
        String found = null;
        for (Key key : keys) {
            if (MessageDigest.isEqual(key.secret(), given) && found == null) {
                found = key.name();
            }
        }
        return Optional.ofNullable(found);
    }
}
