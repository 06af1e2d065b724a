package org.leadscoring.workbench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import org.leadscoring.scoring.ruleset.RuleInfo;
import org.leadscoring.scoring.ruleset.language.CheckedFile;
import org.leadscoring.scoring.ruleset.language.PointTable;
import org.leadscoring.scoring.ruleset.language.RuleLanguage;

/**
 * What changed between two sets of rule files, rule by rule, in the words ops use: a rule added or removed, its points
 * (or routing, or reason) changed, its conditions changed; a model or another file changed as a whole. Rules are read
 * by the rule language itself ({@link RuleLanguage} for DRL, {@link PointTable} for point tables), so conditions are
 * compared as the canonical text the service compiles — a comment or a blank line is not a change. A file the rule
 * language refuses is reported as changed as a whole.
 */
public final class VersionChanges {

    /** What happened to a rule or a file. */
    public enum Kind {
        ADDED, REMOVED, POINTS, ROUTING, REASON, CONDITIONS, FILE_ADDED, FILE_REMOVED, FILE_CHANGED;

        @com.fasterxml.jackson.annotation.JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One change: in {@code file}, to {@code rule} (null for a whole file), of this {@code kind}, with what it was and
     * what it became where that can be said in a few words ("20 fit" → "25 fit").
     */
    public record Change(String file, String rule, Kind kind, String before, String after) {
    }

    private VersionChanges() {
    }

    static List<Change> between(Map<String, String> from, Map<String, String> to) {
        List<Change> out = new ArrayList<>();
        TreeSet<String> names = new TreeSet<>(from.keySet());
        names.addAll(to.keySet());
        for (String name : names) {
            String a = from.get(name);
            String b = to.get(name);
            if (Objects.equals(a, b)) {
                continue;
            }
            if (a == null || b == null) {
                out.add(new Change(name, null, a == null ? Kind.FILE_ADDED : Kind.FILE_REMOVED, null, null));
                if (!rulesOf(name)) {
                    continue;
                }
            }
            if (!rulesOf(name)) {
                out.add(new Change(name, null, Kind.FILE_CHANGED, null, null));
                continue;
            }
            Map<String, Rule> before = a == null ? Map.of() : read(name, a);
            Map<String, Rule> after = b == null ? Map.of() : read(name, b);
            if (before == null || after == null) {
                out.add(new Change(name, null, Kind.FILE_CHANGED, null, null));
                continue;
            }
            rules(name, before, after, out);
        }
        return out;
    }

    private static boolean rulesOf(String name) {
        return name.endsWith(".drl") || PointTable.is(name);
    }

    private static void rules(String file, Map<String, Rule> before, Map<String, Rule> after, List<Change> out) {
        for (Map.Entry<String, Rule> e : before.entrySet()) {
            Rule now = after.get(e.getKey());
            if (now == null) {
                out.add(new Change(file, e.getKey(), Kind.REMOVED, points(e.getValue().info()), null));
                continue;
            }
            RuleInfo was = e.getValue().info();
            RuleInfo is = now.info();
            if (!Objects.equals(points(was), points(is))) {
                out.add(new Change(file, e.getKey(), Kind.POINTS, points(was), points(is)));
            }
            if (!Objects.equals(was.routing(), is.routing())) {
                out.add(new Change(file, e.getKey(), Kind.ROUTING, String.valueOf(was.routing()), String.valueOf(is.routing())));
            }
            if (!Objects.equals(was.reason(), is.reason())) {
                out.add(new Change(file, e.getKey(), Kind.REASON, was.reason(), is.reason()));
            }
            if (!e.getValue().conditions().equals(now.conditions())) {
                out.add(new Change(file, e.getKey(), Kind.CONDITIONS, null, null));
            }
        }
        for (Map.Entry<String, Rule> e : after.entrySet()) {
            if (!before.containsKey(e.getKey())) {
                out.add(new Change(file, e.getKey(), Kind.ADDED, null, points(e.getValue().info())));
            }
        }
    }

    /** The points as people say them: "20 fit", "15 engagement, at most 3 times", or the routing. */
    private static String points(RuleInfo info) {
        if (info.axis() == null) {
            return info.routing() == null ? null : "routes to " + info.routing().toString().toLowerCase(java.util.Locale.ROOT);
        }
        return info.points() + " " + info.axis().jsonName() + (info.max() == null ? "" : ", at most " + info.max() + " times");
    }

    private record Rule(RuleInfo info, String conditions) {
    }

    /** The rules of a file by name, each with its canonical conditions; null when the rule language refuses the file. */
    private static Map<String, Rule> read(String name, String text) {
        CheckedFile checked;
        try {
            checked = PointTable.is(name) ? PointTable.check(name, text) : RuleLanguage.check(name, text);
        } catch (RuntimeException e) {
            return null;
        }
        if (!checked.accepted()) {
            return null;
        }
        Map<String, String> conditionsById = conditions(checked.canonical());
        Map<String, Rule> out = new LinkedHashMap<>();
        for (CheckedFile.RuleDeclaration d : checked.rules()) {
            out.put(d.name(), new Rule(d.info(), conditionsById.getOrDefault(d.id(), "")));
        }
        return out;
    }

    /** The canonical DRL's rules by id: the lines between {@code when} and {@code then}, as printed by the rule language. */
    private static Map<String, String> conditions(String canonical) {
        Map<String, String> out = new LinkedHashMap<>();
        String id = null;
        StringBuilder lines = null;
        for (String line : canonical.split("\n")) {
            String t = line.strip();
            if (t.startsWith("rule \"") && t.endsWith("\"")) {
                id = t.substring(6, t.length() - 1);
                lines = new StringBuilder();
            } else if (id != null && t.equals("then")) {
                out.put(id, lines.toString());
                id = null;
            } else if (id != null && !t.equals("when")) {
                lines.append(t).append('\n');
            }
        }
        return out;
    }
}
