package org.leadscoring.scoring.ruleset.language;

import java.util.ArrayList;
import java.util.List;

/**
 * The second hostile corpus (issue 24): what the first ({@link HostileCorpus}) did not try. Rule names, reasons, values
 * and map keys that end comments and strings or look like code, line terminators of every kind, quotes of every kind
 * and their look-alikes that normalise to them; Drools' own gadgets named from a rule; costly patterns; nested map
 * entries; point-table cells and rule names; file names. Each entry is either refused at its place or accepted and
 * inert — its text travels as data, never as code.
 */
public final class SandboxCorpus {

    /** What the probe prospect's company is: every inert rule of the corpus matches it, no other prospect. */
    public static final String PROBE_COMPANY = "Sandbox Probe 5e1f";

    /**
     * One hostile input.
     *
     * @param label   what it tries
     * @param file    its path as the workbench names it ({@code rules/b2b/…})
     * @param content the file
     * @param refused whether it must be refused (else: refused at its place, or inert)
     * @param name    the rule name it declares when it may be inert and fires for the probe prospect (whose explanation must then
 *                show it as written); null when it does not fire for the probe
     */
    public record Entry(String label, String file, String content, boolean refused, String name) {
    }

    private SandboxCorpus() {
    }

    private static String drl(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String rule(String name, String reason, String condition) {
        return "package b2b;\nimport org.leadscoring.scoring.Prospect;\nimport org.leadscoring.scoring.Activity;\n\n"
                + "rule " + drl(name) + "\n    @fit(1) @reason(" + drl(reason) + ")\nwhen\n    " + condition + "\nthen end\n";
    }

    /** Every entry, at least forty. */
    public static List<Entry> entries() {
        List<Entry> entries = new ArrayList<>();
        String probe = "Prospect( company == " + drl(PROBE_COMPANY) + " )";
        String[] names = {
            "a */ static int PWN = 7; /* b",
            "*/ static { System.exit(1); } /*",
            "*/ } static { Runtime.getRuntime().halt(0); } { /*",
            "/* an open comment",
            "// a line comment",
            "x } ; static { for (;;) {} } { y",
            "ends with a backslash \\",
            "has a \"quote\" inside",
            "a\nline feed",
            "a\rcarriage return",
            "a\u0085next line",
            "a\u2028line separator",
            "a\u2029paragraph separator",
            "a\u000bvertical tab",
            "\uff0a\uff0f static { } \uff0f\uff0a full-width comment marks",
            "\uff02 full-width quote \uff3c full-width backslash",
            "\u02ba modifier quote \u201c curly \u201d \u2018 single \u2019 ` back",
            "\u2215 division slash \u2217 asterisk operator",
            "\u202e right-to-left override",
            "zero\u200bwidth",
            "\\u002a/ an escape that would end a comment",
            "a */ static String S = String.valueOf(System.getenv()); /* b",
        };
        for (int i = 0; i < names.length; i++) {
            entries.add(new Entry("rule name " + (i + 1), "rules/b2b/name-" + (i + 1) + ".drl", rule(names[i], "Probe", probe), false, names[i]));
        }
        String[] texts = { "*/ static { System.exit(2); } /*", "\" + System.getProperty(\"leadscoring.admin-key\") + \"", "\\\"); System.exit(3); //",
            "}}}; static {{{", "\uff02); System.exit(4); //" };
        for (int i = 0; i < texts.length; i++) {
            String name = "Reason and value " + (i + 1);
            entries.add(new Entry("reason " + (i + 1), "rules/b2b/reason-" + (i + 1) + ".drl", rule(name, texts[i], probe), false, name));
            String literal = "Prospect( company == " + drl(PROBE_COMPANY) + ", custom[" + drl(texts[i]) + "] == null, title != " + drl(texts[i]) + " )";
            entries.add(new Entry("value and map key " + (i + 1), "rules/b2b/value-" + (i + 1) + ".drl", rule("Value " + (i + 1), "Probe", literal), false,
                    "Value " + (i + 1)));
        }
        String[][] refused = {
            { "Drools' reflection reader", "Prospect( new org.drools.modelcompiler.constraints.LambdaFieldReader(Prospect.class, \"email\") != null )" },
            { "Drools' Class.forName helper", "Prospect( org.drools.modelcompiler.util.ClassUtil.javaSourceNameToClass(\"java.lang.Runtime\") != null )" },
            { "Drools' code generator", "Prospect( org.drools.model.codegen.execmodel.generator.query.QueryGenerator.main(null) )" },
            { "a static field of Drools", "Prospect( org.drools.util.DateUtils.DEFAULT_FORMAT_MASK != null )" },
            { "nested map entries", "Prospect( custom[\"a\"][\"b\"] == \"c\" )" },
            { "a nested counted repetition", "Prospect( email matches \"((a{0,1000}){0,1000}){0,1000}\" )" },
            { "a long run of counted repetitions", "Prospect( email matches \"zz" + ".{0,1000}".repeat(50) + "\" )" },
            { "a count past 1000", "Prospect( email matches \"a{0,99999999999}\" )" },
            { "groups nested too deep", "Prospect( email matches \"" + "(".repeat(12) + "a" + ")".repeat(12) + "\" )" },
            { "a costly pattern on every activity", "Activity( type matches \"zz.{0,900}\" )" },
            { "a control character in a value", "Prospect( company == \"a\\u0000b\" )" },
            { "a value escaping into a control character", "Prospect( company == \"a\\tb\" )" },
        };
        for (int i = 0; i < refused.length; i++) {
            entries.add(new Entry(refused[i][0], "rules/b2b/refused-" + (i + 1) + ".drl", rule("Refused " + (i + 1), "Refused", refused[i][1]), true, null));
        }
        entries.add(new Entry("a point table's rule name and reason", "rules/b2b/table-1.csv", "axis,field,value,points,reason,rule\n"
                + "fit,company," + PROBE_COMPANY + ",1,\"*/ static { System.exit(5); } /*\",\"*/ } static { } { /* table rule\"\n", false,
                "*/ } static { } { /* table rule"));
        entries.add(new Entry("a point table's formula cell", "rules/b2b/table-2.csv", "axis,field,value,points\nfit,company,\"=HYPERLINK(\"\"http://x\"\")\",1\n",
                true, null));
        entries.add(new Entry("a point table's value breaking out", "rules/b2b/table-3.csv", "axis,field,value,points,rule\n"
                + "fit,company,\"x\"\" ) then System.exit(6); end rule \"\"y\",1,Table breakout\n", false, null));
        return entries;
    }

    /** File names that would be code were they copied into generated Java, for files dropped into the rules folder. */
    public static List<String> fileNames() {
        // A file's name cannot hold "/"; the division slash stands in for it.
        return List.of("zz\" + Integer.toHexString(48879) + \".drl", "a*\u2215b.drl", "c *\u2215 static {} ; { \\ \".drl", "d\\u002a.drl",
                "e'\u201c\uff02 // x.drl".replace("/", "\u2215"));
    }
}
