package org.leadscoring.workbench;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.leadscoring.api.ApiError;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * The model form's changes written into the model's YAML in place: only the values that changed are rewritten, so
 * comments, the order of keys and lists, blank lines and layout stay as the person wrote them. SnakeYAML's node tree
 * gives each value's exact span in the text. A scalar is replaced where it stands; a key added to a block mapping goes on
 * a line of its own after the mapping's last entry, at its indentation; a key or list item removed takes its lines with
 * it; a value inside a flow collection ({@code { floor: 0, cap: 100 }}) that only changes is replaced where it stands
 * too, and a flow collection that gains or loses an entry is written again as one flow collection, its other
 * values as they were written. Values are written as checked literals: numbers and yes/no as such, text plain only when
 * it cannot be read as anything else, else double-quoted with every character YAML would not keep escaped.
 *
 * <p>Over ~300 lines because it is the whole of one job, reading spans and writing each kind of edit; what it edits is
 * read back by the model reader, as any text typed in.
 */
public final class ModelEdits {

    /**
     * A path into the model ({@code ["qualification", "min_fit"]}, {@code ["grades", 2, "min"]}; {@code "-"} as a list's
     * index adds an item at its end) and its new value; null removes it.
     */
    public record Edit(List<Object> path, Object value) {
    }

    /** An edit the text cannot take (or a promotion, {@link Promotion}), named by its place in the request ({@code edits[3].path}). */
    public static final class Refused extends RuntimeException {
        private final transient ApiError.FieldError error;

        Refused(String field, String message) {
            super(message);
            this.error = new ApiError.FieldError(field, message);
        }

        public ApiError.FieldError error() {
            return error;
        }
    }

    static final int MAX_EDITS = 500;
    /** No model setting lies deeper than this, so no path or value may (it bounds the work of each edit too). */
    static final int MAX_DEPTH = 8;
    /** The index that adds an item at a list's end. */
    static final String APPEND = "-";
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9_ .+/-]{0,199}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_-]{0,99}");
    private static final Pattern NOT_PLAIN = Pattern.compile("(?i)(true|false|yes|no|on|off|y|n|null|none|~|nan|inf)");

    /** Text from {@code start} to {@code end} becomes {@code text}; {@code order} keeps insertions at one place in the order made. */
    private record Span(int start, int end, String text, int order) {
    }

    private final String yaml;
    private final List<Span> spans = new ArrayList<>();
    /** Flow collections to write again, by their node, with the edits inside them. */
    private final Map<Node, List<Edit>> flows = new LinkedHashMap<>();

    private ModelEdits(String yaml) {
        this.yaml = yaml;
    }

    /** The YAML with every edit made; refused (naming the edit) when an edit's place does not exist in the file. */
    public static String apply(String yaml, List<Edit> edits) {
        if (edits.size() > MAX_EDITS) {
            throw new Refused("edits", "at most " + MAX_EDITS + " edits at once");
        }
        Node root = compose(yaml);
        if (!(root instanceof MappingNode)) {
            throw new Refused("content", "the model file is not a mapping of settings");
        }
        ModelEdits out = new ModelEdits(yaml);
        for (int i = 0; i < edits.size(); i++) {
            Edit e = edits.get(i);
            if (e == null || e.path() == null || e.path().isEmpty()) {
                throw new Refused("edits[" + i + "].path", "is required");
            }
            if (e.path().size() > MAX_DEPTH || depth(e.value()) > MAX_DEPTH) {
                throw new Refused("edits[" + i + "]", "goes deeper than a model's settings (" + MAX_DEPTH + " levels)");
            }
            out.edit(root, e, "edits[" + i + "]");
        }
        out.flows.forEach(out::rewriteFlow);
        return out.result();
    }

    private static Node compose(String yaml) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(0);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(20);
        options.setCodePointLimit(2_000_000);
        try {
            return new Yaml(options).compose(new StringReader(yaml));
        } catch (YAMLException e) {
            throw new Refused("content", "the model file is not YAML the form can edit: " + firstLine(e.getMessage()));
        }
    }

    private void edit(Node root, Edit e, String field) {
        Node node = root;
        List<Object> path = e.path();
        for (int depth = 0; depth < path.size(); depth++) {
            if (isFlow(node)) {
                flows.computeIfAbsent(node, n -> new ArrayList<>()).add(new Edit(path.subList(depth, path.size()), e.value()));
                return;
            }
            Object step = path.get(depth);
            boolean last = depth == path.size() - 1;
            if (node instanceof MappingNode map && step instanceof String key) {
                NodeTuple entry = entry(map, key);
                if (entry == null) {
                    if (e.value() != null) {
                        addKey(map, key, nest(path.subList(depth + 1, path.size()), e.value()), field);
                    }
                    return;
                }
                if (last) {
                    if (e.value() == null) {
                        removeLines(chars(entry.getKeyNode().getStartMark().getIndex()), end(entry.getValueNode()));
                    } else {
                        replace(entry.getValueNode(), e.value(), field);
                    }
                    return;
                }
                node = entry.getValueNode();
            } else if (node instanceof SequenceNode seq && APPEND.equals(step) && last && e.value() != null) {
                addItem(seq, e.value(), field);
                return;
            } else if (node instanceof SequenceNode seq && step instanceof Number n) {
                int index = n.intValue();
                List<Node> items = seq.getValue();
                if (index < 0 || index >= items.size()) {
                    throw new Refused(field + ".path", "no item " + index + " in the list (it has " + items.size() + ")");
                }
                if (last) {
                    if (e.value() == null) {
                        removeLines(itemStart(items.get(index)), end(items.get(index)));
                    } else {
                        replace(items.get(index), e.value(), field);
                    }
                    return;
                }
                node = items.get(index);
            } else if (node instanceof ScalarNode && !last && e.value() != null) {
                // A setting written as a word (decay "none") that becomes a mapping: the value is written whole.
                replace(node, nest(path.subList(depth, path.size()), e.value()), field);
                return;
            } else {
                throw new Refused(field + ".path", "has no place " + path.subList(0, depth + 1) + " in the model file");
            }
        }
    }

    /** How deep a value's maps and lists go (a scalar: 0), looked into no further than {@link #MAX_DEPTH}. */
    private static int depth(Object value) {
        java.util.Collection<?> inside = value instanceof Map<?, ?> m ? m.values() : value instanceof List<?> l ? l : null;
        if (inside == null) {
            return 0;
        }
        int deepest = 0;
        for (Object v : inside) {
            deepest = Math.max(deepest, depth(v));
            if (deepest > MAX_DEPTH) {
                break;
            }
        }
        return 1 + deepest;
    }

    private static Object nest(List<Object> rest, Object value) {
        Object v = value;
        for (int i = rest.size() - 1; i >= 0; i--) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(String.valueOf(rest.get(i)), v);
            v = m;
        }
        return v;
    }

    private static NodeTuple entry(MappingNode map, String key) {
        for (NodeTuple t : map.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return t;
            }
        }
        return null;
    }

    private static boolean isFlow(Node node) {
        return (node instanceof MappingNode || node instanceof SequenceNode) && node.getStartMark().getIndex() < node.getEndMark().getIndex()
                && (node instanceof MappingNode m ? m.getFlowStyle() : ((SequenceNode) node).getFlowStyle()) == DumperOptions.FlowStyle.FLOW;
    }

    /** A value replaced where it stands (a block collection from its first line to its last, the line ending kept). */
    private void replace(Node node, Object value, String field) {
        add(chars(node.getStartMark().getIndex()), end(node), render(value, field));
    }

    /**
     * Where a value's text ends, in chars: a scalar's or flow collection's end; a block collection's last value's (its
     * own end mark runs on over the comments and blank lines that belong to what follows).
     */
    private int end(Node node) {
        if (node instanceof MappingNode map && !isFlow(map) && !map.getValue().isEmpty()) {
            return end(map.getValue().get(map.getValue().size() - 1).getValueNode());
        }
        if (node instanceof SequenceNode seq && !isFlow(seq) && !seq.getValue().isEmpty()) {
            return end(seq.getValue().get(seq.getValue().size() - 1));
        }
        return chars(node.getEndMark().getIndex());
    }

    private void add(int start, int end, String text) {
        spans.add(new Span(start, end, text, spans.size()));
    }

    /** A key added to a block mapping: a line of its own after the mapping's last entry, at the indentation of its keys. */
    private void addKey(MappingNode map, String key, Object value, String field) {
        List<NodeTuple> entries = map.getValue();
        if (entries.isEmpty()) {
            throw new Refused(field + ".path", "cannot add to an empty mapping");
        }
        int column = entries.get(0).getKeyNode().getStartMark().getColumn();
        int at = lineAfter(Math.max(0, end(entries.get(entries.size() - 1).getValueNode()) - 1));
        add(at, at, (at > 0 && yaml.charAt(at - 1) != '\n' ? "\n" : "") + " ".repeat(column) + key(key, field) + ": " + render(value, field) + "\n");
    }

    private void addItem(SequenceNode seq, Object value, String field) {
        List<Node> items = seq.getValue();
        if (items.isEmpty()) {
            throw new Refused(field + ".path", "cannot add to an empty list");
        }
        int dash = itemStart(items.get(0));
        int column = dash - yaml.lastIndexOf('\n', dash - 1) - 1;
        int at = lineAfter(Math.max(0, end(items.get(items.size() - 1)) - 1));
        add(at, at, (at > 0 && yaml.charAt(at - 1) != '\n' ? "\n" : "") + " ".repeat(column) + "- " + render(value, field) + "\n");
    }

    /** Where a block list's item begins: its dash. */
    private int itemStart(Node item) {
        int i = chars(item.getStartMark().getIndex()) - 1;
        while (i > 0 && yaml.charAt(i) != '-') {
            i--;
        }
        return i;
    }

    /** Removes whole lines, from the one holding char {@code from} to the one holding the last char before {@code to}. */
    private void removeLines(int from, int to) {
        int start = yaml.lastIndexOf('\n', from - 1) + 1;
        add(start, lineAfter(Math.max(from, to - 1)), "");
    }

    /** The index just after the end of the line holding {@code index}. */
    private int lineAfter(int index) {
        int nl = yaml.indexOf('\n', Math.min(index, yaml.length()));
        return nl < 0 ? yaml.length() : nl + 1;
    }

    /** A flow collection with edits inside: written again whole, its untouched values as they were written. */
    private void rewriteFlow(Node node, List<Edit> edits) {
        // Values that only change where they stand are replaced there: a flow collection over several lines keeps its lines.
        List<ScalarNode> inPlace = new ArrayList<>();
        for (Edit e : edits) {
            ScalarNode at = e.value() == null || e.value() instanceof Map || e.value() instanceof List ? null : scalarAt(node, e.path());
            if (at == null) {
                break;
            }
            inPlace.add(at);
        }
        if (inPlace.size() == edits.size()) {
            for (int i = 0; i < edits.size(); i++) {
                replace(inPlace.get(i), edits.get(i).value(), "edits");
            }
            return;
        }
        Object data = data(node);
        for (Edit e : edits) {
            data = set(data, e.path(), 0, e.value());
        }
        add(chars(node.getStartMark().getIndex()), chars(node.getEndMark().getIndex()), render(data, "edits"));
    }

    /** The scalar at {@code path} inside a flow collection, or null when the path does not end at one that is there. */
    private static ScalarNode scalarAt(Node node, List<Object> path) {
        Node at = node;
        for (Object step : path) {
            if (at instanceof MappingNode map && step instanceof String key) {
                NodeTuple entry = entry(map, key);
                at = entry == null ? null : entry.getValueNode();
            } else if (at instanceof SequenceNode seq && step instanceof Number n && n.intValue() >= 0 && n.intValue() < seq.getValue().size()) {
                at = seq.getValue().get(n.intValue());
            } else {
                return null;
            }
        }
        return at instanceof ScalarNode scalar ? scalar : null;
    }

    /** A node as maps, lists and {@link Written} scalars (the scalar's text as it stands in the file). */
    private Object data(Node node) {
        if (node instanceof MappingNode map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (NodeTuple t : map.getValue()) {
                out.put(((ScalarNode) t.getKeyNode()).getValue(), data(t.getValueNode()));
            }
            return out;
        }
        if (node instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(n -> out.add(data(n)));
            return out;
        }
        return new Written(yaml.substring(chars(node.getStartMark().getIndex()), chars(node.getEndMark().getIndex())));
    }

    /** A scalar kept as the file wrote it. */
    private record Written(String text) {
    }

    @SuppressWarnings("unchecked")
    private static Object set(Object data, List<Object> path, int depth, Object value) {
        if (depth == path.size()) {
            return value;
        }
        Object step = path.get(depth);
        if (data instanceof Map<?, ?> m && step instanceof String key) {
            Map<String, Object> map = (Map<String, Object>) m;
            Object next = set(map.get(key), path, depth + 1, value);
            if (next == null) {
                map.remove(key);
            } else {
                map.put(key, next);
            }
            return map;
        }
        if (data instanceof List<?> l && APPEND.equals(step) && value != null && depth == path.size() - 1) {
            ((List<Object>) l).add(value);
            return l;
        }
        if (data instanceof List<?> l && step instanceof Number n) {
            List<Object> list = (List<Object>) l;
            int i = n.intValue();
            if (i >= 0 && i < list.size()) {
                Object next = set(list.get(i), path, depth + 1, value);
                if (next == null) {
                    list.remove(i);
                } else {
                    list.set(i, next);
                }
            }
            return list;
        }
        return value == null ? data : nest(path.subList(depth, path.size()), value);
    }

    /** A value as YAML: a number, yes/no, checked text, or a flow collection of those. */
    private static String render(Object value, String field) {
        if (value instanceof Written w) {
            return w.text();
        }
        if (value instanceof Map<?, ?> m) {
            List<String> parts = new ArrayList<>();
            m.forEach((k, v) -> {
                if (v != null) {
                    parts.add(key(String.valueOf(k), field) + ": " + render(v, field));
                }
            });
            return parts.isEmpty() ? "{}" : "{ " + String.join(", ", parts) + " }";
        }
        if (value instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            l.forEach(v -> parts.add(render(v, field)));
            return "[" + String.join(", ", parts) + "]";
        }
        if (value instanceof Boolean b) {
            return b.toString();
        }
        if (value instanceof Number n) {
            BigDecimal d = new BigDecimal(n.toString());
            if (d.abs().compareTo(BigDecimal.valueOf(1_000_000_000)) > 0) {
                throw new Refused(field + ".value", "is larger than a model setting can be");
            }
            return d.stripTrailingZeros().toPlainString();
        }
        String text = String.valueOf(value);
        if (text.length() > 500) {
            throw new Refused(field + ".value", "is longer than 500 characters");
        }
        if (PLAIN.matcher(text).matches() && !NOT_PLAIN.matcher(text).matches() && !text.endsWith(" ")) {
            return text;
        }
        return quoted(text);
    }

    /**
     * Text in double quotes: {@code "} and {@code \} escaped, and every character YAML would not keep as it is (control
     * characters, the line and paragraph separators it reads as line breaks, a byte order mark) as a backslash-u escape.
     */
    static String quoted(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean keep = c >= 0x20 && c <= 0x7E || c >= 0xA0 && c <= 0xD7FF && c != 0x2028 && c != 0x2029 || c >= 0xE000 && c <= 0xFFFD && c != 0xFEFF;
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (keep) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.append('"').toString();
    }

    /** A key as YAML: a setting's name (letters, digits, _ and -), quoted when YAML would read it as something else. */
    private static String key(String key, String field) {
        if (!KEY.matcher(key).matches()) {
            throw new Refused(field + ".path", "names a setting no model has: " + ApiErrorText.shorten(key));
        }
        return NOT_PLAIN.matcher(key).matches() ? quoted(key) : key;
    }

    /** SnakeYAML counts code points; the text is indexed in chars. */
    private int chars(int codePoints) {
        return yaml.offsetByCodePoints(0, Math.min(codePoints, yaml.codePointCount(0, yaml.length())));
    }

    private String result() {
        List<Span> sorted = new ArrayList<>(spans);
        // From the end of the file back, so each span's place is still where it was read; at one place, the last made first.
        sorted.sort(Comparator.comparingInt(Span::start).thenComparingInt(Span::end).thenComparingInt(Span::order).reversed());
        StringBuilder out = new StringBuilder(yaml);
        int limit = Integer.MAX_VALUE;
        for (Span s : sorted) {
            if (s.end() > limit) {
                throw new Refused("edits", "two edits change the same part of the file");
            }
            out.replace(s.start(), s.end(), s.text());
            limit = s.start();
        }
        return out.toString();
    }

    private static String firstLine(String message) {
        String m = message == null ? "" : message.strip();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).toLowerCase(Locale.ROOT);
    }

    /** Short echoes of what a client sent. */
    private static final class ApiErrorText {
        static String shorten(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "…" : s;
        }
    }
}
