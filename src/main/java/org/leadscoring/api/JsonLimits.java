package org.leadscoring.api;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.leadscoring.config.LeadScoringConfig;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * Bounds what reading one JSON body may cost, for every endpoint: nesting depth, digits in a number and
 * characters in a field name ({@code leadscoring.limits.*}). Jackson refuses a body past them while reading it,
 * before any number is built or any tree is walked.
 */
@Singleton
public class JsonLimits implements ObjectMapperCustomizer {

    private final LeadScoringConfig config;

    @Inject
    JsonLimits(LeadScoringConfig config) {
        this.config = config;
    }

    @Override
    public void customize(ObjectMapper mapper) {
        LeadScoringConfig.Limits limits = config.limits();
        mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxDepth())
                .maxNumberLength(limits.maxNumberLength())
                .maxNameLength(limits.maxKeyLength())
                .build());
    }

    private static final java.util.regex.Pattern MAXIMUM = java.util.regex.Pattern.compile("maximum allowed \\((\\d+)");

    /** What a body past one of the limits is told, in words; null when the exception is not about a limit. */
    public static String describe(com.fasterxml.jackson.core.JsonProcessingException e) {
        if (!(e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException)) {
            return null;
        }
        String text = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        java.util.regex.Matcher max = MAXIMUM.matcher(text);
        String limit = max.find() ? max.group(1) : "the allowed";
        if (text.contains("nesting depth")) {
            return "nests objects or lists more than " + limit + " levels deep";
        }
        if (text.contains("Number value length") || text.contains("umber value length")) {
            return "has a number longer than " + limit + " digits";
        }
        if (text.contains("Name length") || text.contains("name length")) {
            return "has a field name longer than " + limit + " characters";
        }
        return "is larger than this service reads";
    }
}
