package org.leadscoring.scoring.ruleset;

/** A rule or model file as read for a build: its path relative to its folder, its text and its content hash. */
public record SourceFile(String path, String content, String sha256) {
}
