// The workbench's rule editor: CodeMirror 6 (served from the service's own jar through the import map) with DRL
// colours, completion of exactly what the rule language offers (GET /api/workbench/vocabulary), and the service's
// own check run as you type, its problems marked at their line and column.

import { EditorView, keymap, lineNumbers, highlightActiveLine, highlightActiveLineGutter, drawSelection } from "@codemirror/view";
import { EditorState, Compartment } from "@codemirror/state";
import { StreamLanguage, HighlightStyle, syntaxHighlighting, bracketMatching, indentOnInput } from "@codemirror/language";
import { tags } from "@lezer/highlight";
import { autocompletion, completionKeymap, closeBrackets, closeBracketsKeymap } from "@codemirror/autocomplete";
import { linter, lintGutter, lintKeymap } from "@codemirror/lint";
import { defaultKeymap, history, historyKeymap, indentWithTab } from "@codemirror/commands";

/** DRL as the rule language writes it: comments, strings, annotations, keywords, fact and enum names, numbers. */
const drl = StreamLanguage.define({
  name: "drl",
  startState: () => ({ inComment: false }),
  token(stream, state) {
    if (state.inComment) {
      if (stream.skipTo("*/")) {
        stream.pos += 2;
        state.inComment = false;
      } else {
        stream.skipToEnd();
      }
      return "comment";
    }
    if (stream.eatSpace()) return null;
    if (stream.match("//")) {
      stream.skipToEnd();
      return "comment";
    }
    if (stream.match("/*")) {
      state.inComment = true;
      return "comment";
    }
    if (stream.match(/^"(?:[^"\\]|\\.)*"?/)) return "string";
    if (stream.match(/^@\w+/)) return "meta";
    if (stream.match(/^-?\d+(\.\d+)?/)) return "number";
    if (stream.match(/^(rule|when|then|end|package|import|not|exists|in|matches|contains|true|false|null)\b/)) return "keyword";
    if (stream.match(/^[A-Z]\w*/)) return "typeName";
    if (stream.match(/^\w+/)) return "propertyName";
    if (stream.match(/^(==|!=|<=|>=|&&|\|\||[<>!])/)) return "operator";
    stream.next();
    return null;
  },
  languageData: { commentTokens: { line: "//" } },
});

/** DRL's colours, each with at least 4.5:1 contrast on the editor's white and on its highlighted line. */
const colours = HighlightStyle.define([
  { tag: tags.keyword, color: "#6f2da8", fontWeight: "600" },
  { tag: tags.string, color: "#0b6b31" },
  { tag: tags.comment, color: "#525a6b", fontStyle: "italic" },
  { tag: tags.meta, color: "#8a4b00" },
  { tag: tags.number, color: "#1d55a0" },
  { tag: tags.typeName, color: "#005f69" },
  { tag: tags.operator, color: "#1d2330" },
]);

/**
 * Where the cursor is in a rule: inside which fact's brackets (the innermost unclosed "Prospect(" or "Activity("),
 * outside strings and comments.
 */
function factAt(text) {
  const open = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      i = end < 0 ? text.length : end;
      continue;
    }
    if (c === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      i = end < 0 ? text.length : end + 2;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"' && text[j] !== "\n") j += text[j] === "\\" ? 2 : 1;
      if (j >= text.length || text[j] === "\n") return { fact: open.length ? open[open.length - 1] : null, inString: true, stringFrom: i };
      i = j + 1;
      continue;
    }
    if (c === "(") {
      const name = /(\w+)\s*$/.exec(text.slice(Math.max(0, i - 40), i));
      open.push(name ? name[1] : "");
    } else if (c === ")") {
      open.pop();
    }
    i += 1;
  }
  return { fact: open.length ? open[open.length - 1] : null, inString: false };
}

/** Completion of the vocabulary: annotations, properties of the fact being written, enum values, activity types, keywords. */
function completions(vocabulary) {
  const facts = Object.fromEntries(vocabulary.facts.map((f) => [f.name, f.properties]));
  const enumOf = Object.fromEntries(Object.keys(vocabulary.enums).map((e) => [e.toLowerCase(), e]));
  return (context) => {
    const before = context.state.sliceDoc(Math.max(0, context.pos - 5000), context.pos);
    const where = factAt(before);

    // Activity( type == "…  or  Activity( type == …: the loaded models' activity types, quoted.
    const typeValue = /\btype\s*(==|!=)\s*("?)(\w*)$/.exec(before);
    if (where.fact === "Activity" && typeValue) {
      const from = context.pos - typeValue[3].length - typeValue[2].length;
      return {
        from,
        options: vocabulary.activity_types.map((t) => ({ label: `"${t}"`, type: "enum", detail: "activity type" })),
        validFor: /^"?\w*"?$/,
      };
    }
    if (where.inString) return null;

    // Seniority.…: its values.
    const enumValue = /\b([A-Z]\w*)\.(\w*)$/.exec(before);
    if (enumValue && vocabulary.enums[enumValue[1]]) {
      return {
        from: context.pos - enumValue[2].length,
        options: vocabulary.enums[enumValue[1]].map((v) => ({ label: v, type: "enum", detail: enumValue[1] })),
      };
    }
    // seniority == …: the enum's values, written in full.
    const comparedEnum = /\b(\w+)\s*(==|!=)\s*(\w*)$/.exec(before);
    if (where.fact && comparedEnum && enumOf[comparedEnum[1].toLowerCase()]) {
      const e = enumOf[comparedEnum[1].toLowerCase()];
      return {
        from: context.pos - comparedEnum[3].length,
        options: vocabulary.enums[e].map((v) => ({ label: `${e}.${v}`, type: "enum" })),
      };
    }
    // @…: the annotations.
    const annotation = /@(\w*)$/.exec(before);
    if (annotation) {
      return {
        from: context.pos - annotation[1].length - 1,
        options: vocabulary.annotations.map((a) => ({
          label: "@" + a.name,
          type: "keyword",
          detail: "(" + a.argument + ")",
          info: a.help,
          apply: "@" + a.name + "(",
        })),
      };
    }
    const word = context.matchBefore(/\w*/);
    if (!context.explicit && (!word || word.from === word.to) && !/[(,&|]\s*$/.test(before)) return null;
    // Inside Prospect( … ) or Activity( … ): that fact's properties, with their types.
    if (where.fact && facts[where.fact]) {
      return {
        from: word.from,
        options: facts[where.fact].map((p) => ({ label: p.name, type: "property", detail: p.type })),
        validFor: /^\w*$/,
      };
    }
    // Elsewhere: the facts and the keywords.
    return {
      from: word.from,
      options: [
        ...vocabulary.facts.map((f) => ({ label: f.name, type: "class", apply: f.name + "( " })),
        ...vocabulary.keywords.map((k) => ({ label: k, type: "keyword" })),
      ],
      validFor: /^\w*$/,
    };
  };
}

/** A problem of the service's check as a CodeMirror diagnostic, at its line and column. */
function diagnostic(doc, p) {
  const line = doc.line(Math.min(Math.max(1, p.line || 1), doc.lines));
  const from = Math.min(line.from + Math.max(0, (p.column || 1) - 1), line.to);
  const to = from < line.to ? Math.max(from + 1, (/^\w+/.exec(doc.sliceString(from, line.to)) || [""])[0].length + from) : from;
  return { from, to, severity: p.severity === "warning" ? "warning" : "error", message: p.message, source: "check" };
}

/**
 * Creates the editor in `parent`. `options.check(text)` answers the service's problems of the file being edited
 * (called as you type, debounced); `options.changed(text)` is told of every edit.
 */
export function createEditor(parent, vocabulary, options) {
  const readOnly = new Compartment();
  // DRL colours and completion for rule files; model YAML and point-table CSV are shown plain (the check marks all three).
  const language = new Compartment();
  const drlSupport = [drl, syntaxHighlighting(colours), autocompletion({ override: [completions(vocabulary)], activateOnTyping: true })];
  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: "",
      extensions: [
        lineNumbers(),
        highlightActiveLineGutter(),
        history(),
        drawSelection(),
        indentOnInput(),
        bracketMatching(),
        closeBrackets(),
        highlightActiveLine(),
        language.of(drlSupport),
        lintGutter(),
        linter(async (v) => (await options.check(v.state.doc.toString())).map((p) => diagnostic(v.state.doc, p)), { delay: 600 }),
        keymap.of([...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...completionKeymap, ...lintKeymap, indentWithTab]),
        readOnly.of(EditorState.readOnly.of(true)),
        EditorView.contentAttributes.of({ "aria-label": "Rule file", "aria-multiline": "true" }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) options.changed(u.state.doc.toString());
        }),
      ],
    }),
  });
  return {
    view,
    /** Shows a file's text, editable: DRL support for a rule file (`.drl`), plain text for the others. */
    open(text, name = "") {
      view.dispatch({
        changes: { from: 0, to: view.state.doc.length, insert: text },
        effects: [readOnly.reconfigure(EditorState.readOnly.of(false)), language.reconfigure(name.endsWith(".drl") || !name ? drlSupport : [])],
        selection: { anchor: 0 },
        scrollIntoView: true,
      });
    },
    text: () => view.state.doc.toString(),
    /** Moves the cursor to a line and shows it. */
    goTo(line) {
      const l = view.state.doc.line(Math.min(Math.max(1, line), view.state.doc.lines));
      view.dispatch({ selection: { anchor: l.from }, scrollIntoView: true });
      view.focus();
    },
  };
}
