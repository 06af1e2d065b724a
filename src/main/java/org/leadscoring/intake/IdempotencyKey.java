package org.leadscoring.intake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.leadscoring.api.InvalidRequestException;

/**
 * What names a request for replays: the client's {@code Idempotency-Key}, scoped to the endpoint and to the API
 * key it came with, so two Zaps (or {@code /leads} and {@code /events}) never share one. Stored as a hash, so a
 * key of any allowed length fits the store.
 *
 * @param clientKey the header as sent, trimmed; null when the request carries none
 * @param caller    a fingerprint of the API key, never the key itself
 */
public record IdempotencyKey(String clientKey, String caller) {

    /** Longest key accepted: Zapier's record ids and Zap run ids are far shorter. */
    public static final int MAX_LENGTH = 255;

    /** The key of a request, refusing one too long to be an id. */
    public static IdempotencyKey of(String header, String apiKey) {
        String key = header == null || header.isBlank() ? null : header.trim();
        if (key != null && key.length() > MAX_LENGTH) {
            throw new InvalidRequestException("Idempotency-Key", "is longer than " + MAX_LENGTH
                    + " characters: send the id of the record that triggered the Zap");
        }
        return new IdempotencyKey(key, apiKey == null ? "" : sha256(apiKey).substring(0, 16));
    }

    /** A request without a key of its own: the payload itself identifies it. */
    public static IdempotencyKey none() {
        return new IdempotencyKey(null, "");
    }

    public boolean given() {
        return clientKey != null;
    }

    /** The key as stored for an intake of {@code kind}. */
    String stored(String kind) {
        return "key:" + kind + ":" + sha256(caller + "\n" + clientKey);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
