package org.leadscoring.scoring.ruleset.language;

import java.util.List;

import org.leadscoring.scoring.ruleset.BuildProblem;

/**
 * A rule file after the rule language has checked it: the problems found, and when there are none the
 * canonical DRL printed from the checked tree — the only text that is ever compiled — with, for each of its
 * lines, the place in the original file it came from.
 *
 * @param file        the file, relative to the rules folder
 * @param packageName the file's {@code package}
 * @param canonical   the DRL to compile; null when the file is refused
 * @param rules       the rules the file declares, with their lines
 * @param problems    everything the rule language refuses, each with line and column
 * @param origins     for canonical line {@code n}, the position in {@code file} at index {@code n - 1}
 */
public record CheckedFile(String file, String packageName, String canonical, List<RuleDeclaration> rules, List<BuildProblem> problems,
        List<Position> origins) {

    /** A place in the original rule file: line and column, both counted from 1. */
    public record Position(int line, int column) {
    }

    /** A rule as declared in a file. */
    public record RuleDeclaration(String name, String file, int line) {
    }

    public boolean accepted() {
        return problems.isEmpty();
    }

    /** Where a line of the canonical DRL came from, or null when it is not one of its lines. */
    public Position origin(int canonicalLine) {
        return canonicalLine >= 1 && canonicalLine <= origins.size() ? origins.get(canonicalLine - 1) : null;
    }
}
