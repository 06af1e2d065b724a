package org.leadscoring.scoring.ruleset.language;

import java.util.List;

import org.leadscoring.scoring.ruleset.BuildProblem;
import org.leadscoring.scoring.ruleset.RuleInfo;

/**
 * A rule file after the rule language has checked it: the problems found, and when there are none the
 * canonical DRL printed from the checked tree — the only text that is ever compiled — with, for each of its
 * lines, the place in the original file it came from.
 *
 * <p>The canonical DRL names nothing people wrote: it has no {@code package} line (the compiler gives each file a
 * package of its own), its rules are called by the ids the checker gave them ({@code r1}, {@code r2} …), and it
 * carries no annotations. Names, reasons and points travel beside it in {@link #rules()}; the only text of the
 * file left in it are the string literals of conditions, printed by {@link Conditions#quoted}.
 *
 * @param file      the file, relative to the rules folder
 * @param canonical the DRL to compile, without a package line; null when the file is refused
 * @param rules     the rules the file declares, with their ids, lines and what each gives
 * @param problems  everything the rule language refuses, each with line and column
 * @param origins   for canonical line {@code n}, the position in {@code file} at index {@code n - 1}
 * @param patterns  every pattern the file's conditions match ({@code matches}), for the rule set to compile once and
 *                  to count what they can cost
 */
public record CheckedFile(String file, String canonical, List<RuleDeclaration> rules, List<BuildProblem> problems, List<Position> origins,
        List<PatternUse> patterns) {

    /** A file with no {@code matches} (tests that write canonical DRL by hand). */
    public CheckedFile(String file, String canonical, List<RuleDeclaration> rules, List<BuildProblem> problems, List<Position> origins) {
        this(file, canonical, rules, problems, origins, List.of());
    }

    /**
     * A pattern a condition matches.
     *
     * @param regex       the pattern, as checked by {@link LinearMatches#problem}
     * @param textBound   the most characters of text it reads
     * @param perActivity whether it is evaluated on each activity of a prospect, not once per prospect
     * @param at          where its condition is written
     */
    public record PatternUse(String regex, int textBound, boolean perActivity, Position at) {

        /** The most steps one evaluation of the pattern takes: its program's size times the text it reads. */
        public long steps() {
            return LinearMatches.programSize(regex) * textBound;
        }
    }

    /** A place in the original rule file: line and column, both counted from 1. */
    public record Position(int line, int column) {
    }

    /**
     * A rule as declared in a file.
     *
     * @param id   the rule's name in the canonical DRL, unique within its file and made of letters and digits only
     * @param info what the rule gives, with the name people wrote for it
     * @param file the file it is declared in
     * @param line the line of its {@code rule} keyword
     */
    public record RuleDeclaration(String id, RuleInfo info, String file, int line) {

        /** The name people wrote: what explanations, problems and the workbench show. */
        public String name() {
            return info.name();
        }
    }

    public boolean accepted() {
        return problems.isEmpty();
    }

    /** Where a line of the canonical DRL came from, or null when it is not one of its lines. */
    public Position origin(int canonicalLine) {
        return canonicalLine >= 1 && canonicalLine <= origins.size() ? origins.get(canonicalLine - 1) : null;
    }
}
