// The rule builder: "give [N] [fit | engagement] points when [field] [is / is one of / is at least / contains …]
// [value]", activity conditions ("a [webinar_attended] in the last [30] days"), @max, routing (make a Contact / reject)
// and the reason — written into the draft as rule-language text, which stays the source of truth. A rule whose text
// has the builder's shape (its own or one written by hand the same way) opens in the form again.

import { escape, fileNames, fileText, setFile, state, status } from "./workbench.js";

const $ = (id) => document.getElementById(id);

/** The operators the form offers, and how each is written in the rule language. */
const OPERATORS = [
  { key: "is", label: "is", drl: "==" },
  { key: "is_not", label: "is not", drl: "!=" },
  { key: "one_of", label: "is one of", drl: "in" },
  { key: "at_least", label: "is at least", drl: ">=" },
  { key: "at_most", label: "is at most", drl: "<=" },
  { key: "contains", label: "contains", drl: "contains" },
  { key: "matches", label: "matches the pattern", drl: "matches" },
];
const BY_DRL = Object.fromEntries(OPERATORS.map((o) => [o.drl, o]));

let editing = null; // the name of the rule being edited, or null for a new one

const prospectProperties = () =>
  state.vocabulary.facts.find((f) => f.name === "Prospect").properties.filter((p) => p.type !== "map");

const quote = (s) => '"' + String(s).replace(/\\/g, "\\\\").replace(/"/g, '\\"') + '"';

/** A condition's value as the rule language writes it, by the property's type. */
function literal(property, value) {
  const type = (prospectProperties().find((p) => p.name === property) || {}).type;
  const one = (v) => {
    v = v.trim();
    if (type === "number") return String(Number(v));
    if (type === "yes/no") return /^(yes|true)$/i.test(v) ? "true" : "false";
    if (state.vocabulary.enums[type]) return type + "." + v.replace(/^\w+\./, "").toUpperCase();
    return quote(v);
  };
  return value.includes(",") || value.trim() === "" ? null : one(value);
}

/** The rule the form describes, as rule-language text. */
export function ruleText(r) {
  const annotations = [];
  if (r.effect === "fit" || r.effect === "engagement") annotations.push("@" + r.effect + "(" + parseInt(r.points, 10) + ")");
  if (r.effect === "contact" || r.effect === "reject") annotations.push("@routing(" + r.effect + ")");
  if (r.max) annotations.push("@max(" + parseInt(r.max, 10) + ")");
  annotations.push("@reason(" + quote(r.reason) + ")");
  const constraints = r.conditions.map((c) => {
    const op = OPERATORS.find((o) => o.key === c.operator);
    if (op.key === "one_of") {
      const values = c.value.split(",").map((v) => v.trim()).filter(Boolean).map((v) => literal(c.property, v));
      return c.property + " in (" + values.join(", ") + ")";
    }
    return c.property + " " + op.drl + " " + literal(c.property, c.value);
  });
  const lines = ['rule ' + quote(r.name), "    " + annotations.join(" "), "when"];
  if (constraints.length || !r.activity) lines.push("    Prospect( " + constraints.join(", ") + " )");
  if (r.activity) {
    lines.push("    Activity( type == " + quote(r.activity.type) + (r.activity.days ? ", daysAgo <= " + parseInt(r.activity.days, 10) : "") + " )");
  }
  lines.push("then end");
  return lines.join("\n");
}

/** The rules of a file with their text spans: from `rule "…"` to its `end`. */
function rulesOf(text) {
  const out = [];
  const re = /^rule\s+"((?:[^"\\]|\\.)*)"[\s\S]*?^\s*then\s+end\s*$|^rule\s+"((?:[^"\\]|\\.)*)"[\s\S]*?^end\s*$/gm;
  for (const m of text.matchAll(re)) {
    out.push({ name: (m[1] ?? m[2]).replace(/\\(.)/g, "$1"), from: m.index, to: m.index + m[0].length, text: m[0] });
  }
  return out;
}

/** Splits on commas outside brackets and quotes. */
function splitTop(s) {
  const parts = [];
  let depth = 0, quoted = false, start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === "\\") i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === "(") depth++;
    else if (c === ")") depth--;
    else if (c === "," && depth === 0) {
      parts.push(s.slice(start, i).trim());
      start = i + 1;
    }
  }
  if (s.slice(start).trim()) parts.push(s.slice(start).trim());
  return parts;
}

const unquote = (v) => (/^".*"$/.test(v) ? v.slice(1, -1).replace(/\\(.)/g, "$1") : v.replace(/^\w+\./, ""));

/** The form's values of a rule written in the builder's shape, or null when it has another shape (edit it as text). */
export function parseRule(text) {
  const name = /^rule\s+"((?:[^"\\]|\\.)*)"/.exec(text);
  const when = text.indexOf("\nwhen");
  if (!name || when < 0) return null;
  const head = text.slice(0, when);
  const body = text.slice(when + 5).replace(/^\s*then\s+end\s*$/m, "").replace(/\/\/.*$/gm, "").trim();
  const r = { name: name[1].replace(/\\(.)/g, "$1"), conditions: [], activity: null, max: null };
  const points = /@(fit|engagement)\(\s*(-?\d+)\s*\)/.exec(head);
  const routing = /@routing\(\s*(contact|reject)\s*\)/.exec(head);
  if (!points === !routing) return null;
  r.effect = points ? points[1] : routing[1];
  r.points = points ? points[2] : "";
  const max = /@max\(\s*(\d+)\s*\)/.exec(head);
  r.max = max ? max[1] : null;
  const reason = /@reason\(\s*"((?:[^"\\]|\\.)*)"\s*\)/.exec(head);
  r.reason = reason ? reason[1].replace(/\\(.)/g, "$1") : "";
  const patterns = [...body.matchAll(/^(Prospect|Activity)\(([\s\S]*?)\)\s*$/gm)];
  if (patterns.map((p) => p[0]).join("\n").replace(/\s+/g, "") !== body.replace(/\s+/g, "")) return null;
  for (const [, fact, inside] of patterns) {
    const parts = splitTop(inside);
    if (fact === "Activity") {
      const type = parts.length >= 1 && /^type\s*==\s*"((?:[^"\\]|\\.)*)"$/.exec(parts[0]);
      const days = parts.length === 2 && /^daysAgo\s*<=\s*(\d+)$/.exec(parts[1]);
      if (!type || parts.length > 2 || (parts.length === 2 && !days)) return null;
      r.activity = { type: type[1], days: days ? days[1] : "" };
      continue;
    }
    for (const part of parts) {
      const inList = /^(\w+)\s+in\s*\(([\s\S]*)\)$/.exec(part);
      if (inList) {
        r.conditions.push({ property: inList[1], operator: "one_of", value: splitTop(inList[2]).map(unquote).join(", ") });
        continue;
      }
      const c = /^(\w+)\s*(==|!=|>=|<=|contains|matches)\s*(.+)$/.exec(part);
      if (!c) return null;
      r.conditions.push({ property: c[1], operator: BY_DRL[c[2]].key, value: unquote(c[3].trim()) });
    }
  }
  return r;
}

// ---- the form ------------------------------------------------------------------------------------------------------

function ruleFiles() {
  return fileNames((n) => n.endsWith(".drl"));
}

function conditionRow(k, c = { property: "industry", operator: "is", value: "" }) {
  const props = prospectProperties().map((p) => '<option value="' + p.name + '"' + (p.name === c.property ? " selected" : "") + ">" + p.name
    + " (" + p.type + ")</option>").join("");
  const ops = OPERATORS.map((o) => '<option value="' + o.key + '"' + (o.key === c.operator ? " selected" : "") + ">" + o.label + "</option>").join("");
  return '<div class="form-row condition"><div><label for="c-' + k + '-property">Field</label><select id="c-' + k + '-property" class="c-property">'
    + props + '</select></div><div><label for="c-' + k + '-operator">Test</label><select id="c-' + k + '-operator" class="c-operator">' + ops
    + '</select></div><div><label for="c-' + k + '-value">Value (for "is one of": a, b, c)</label><input id="c-' + k + '-value" class="c-value" value="'
    + escape(c.value) + '"></div><button type="button" class="secondary c-remove" aria-label="Remove this condition">Remove</button></div>';
}

function render(r) {
  const files = ruleFiles();
  const effect = (v, label) => '<option value="' + v + '"' + (r.effect === v ? " selected" : "") + ">" + label + "</option>";
  const types = state.vocabulary.activity_types.map((t) => '<option value="' + escape(t) + '"' + (r.activity && r.activity.type === t ? " selected" : "") + ">"
    + escape(t) + "</option>").join("");
  $("builder-form").innerHTML = '<div class="form-row"><div><label for="b-file">File</label><select id="b-file">'
    + files.map((f) => '<option value="' + escape(f) + '"' + (f === r.file ? " selected" : "") + ">" + escape(f.replace(/^rules\//, "")) + "</option>").join("")
    + '</select></div><div><label for="b-name">Rule name</label><input id="b-name" value="' + escape(r.name || "") + '" required></div></div>'
    + '<div class="form-row"><div><label for="b-effect">What it does</label><select id="b-effect">' + effect("fit", "gives fit points")
    + effect("engagement", "gives engagement points") + effect("contact", "makes the prospect a Contact") + effect("reject", "rejects the prospect")
    + '</select></div><div><label for="b-points">Points</label><input id="b-points" type="number" step="1" value="' + escape(r.points ?? "10") + '"></div>'
    + '<div><label for="b-max">Counted at most (times; optional)</label><input id="b-max" type="number" min="1" step="1" value="' + escape(r.max ?? "") + '"></div></div>'
    + '<fieldset><legend>When the prospect…</legend><div id="b-conditions">' + r.conditions.map((c, k) => conditionRow(k, c)).join("")
    + '</div><button type="button" id="b-add" class="secondary">Add a condition</button></fieldset>'
    + '<fieldset><legend>…and did (optional)</legend><div class="form-row"><div><label for="b-activity">Activity</label><select id="b-activity">'
    + '<option value="">no activity needed</option>' + types + '</select></div><div><label for="b-days">in the last … days (empty: ever)</label>'
    + '<input id="b-days" type="number" min="1" step="1" value="' + escape(r.activity ? r.activity.days : "") + '"></div></div></fieldset>'
    + '<label for="b-reason">Reason (shown with the score and in Zoho)</label><input id="b-reason" value="' + escape(r.reason || "") + '" required>'
    + '<h3>The rule as it will be written</h3><pre id="b-preview"></pre>'
    + '<button type="submit" id="b-save">' + (editing ? "Update the rule in my change" : "Add the rule to my change") + "</button> "
    + '<button type="button" id="b-new" class="secondary">Start a new rule</button>';
  $("b-add").onclick = () => {
    $("b-conditions").insertAdjacentHTML("beforeend", conditionRow($("b-conditions").children.length));
    wire();
  };
  $("b-new").onclick = () => { editing = null; render(blank()); };
  $("b-file").onchange = () => listRules();
  wire();
}

function wire() {
  for (const b of document.querySelectorAll("#b-conditions .c-remove")) {
    b.onclick = () => { b.closest(".condition").remove(); preview(); };
  }
  for (const el of document.querySelectorAll("#builder-form input, #builder-form select")) {
    el.oninput = preview;
    el.onchange = el.id === "b-file" ? () => { listRules(); preview(); } : preview;
  }
  $("b-points").disabled = !["fit", "engagement"].includes($("b-effect").value);
  preview();
}

function values() {
  return {
    file: $("b-file").value,
    name: $("b-name").value.trim(),
    effect: $("b-effect").value,
    points: $("b-points").value,
    max: $("b-max").value.trim(),
    reason: $("b-reason").value.trim(),
    conditions: [...document.querySelectorAll("#b-conditions .condition")].map((row) => ({
      property: row.querySelector(".c-property").value,
      operator: row.querySelector(".c-operator").value,
      value: row.querySelector(".c-value").value,
    })).filter((c) => c.value.trim() !== ""),
    activity: $("b-activity").value ? { type: $("b-activity").value, days: $("b-days").value.trim() } : null,
  };
}

function preview() {
  $("b-points").disabled = !["fit", "engagement"].includes($("b-effect").value);
  $("b-preview").textContent = ruleText(values());
}

const blank = () => ({ file: ruleFiles()[0], name: "", effect: "fit", points: "10", max: "", reason: "", conditions: [{ property: "industry", operator: "is", value: "" }], activity: null });

async function save(event) {
  event.preventDefault();
  const r = values();
  if (!r.name || !r.reason) {
    status(false, "A rule needs a name and a reason.");
    return;
  }
  const text = await fileText(r.file);
  const existing = rulesOf(text).find((x) => x.name === (editing || r.name));
  const rule = ruleText(r);
  const next = existing ? text.slice(0, existing.from) + rule + text.slice(existing.to) : text.replace(/\s*$/, "\n\n") + rule + "\n";
  setFile(r.file, next);
  editing = r.name;
  status(true, "Rule \"" + r.name + "\" is in your change to " + r.file + "; it is checked as you go, and goes live when you publish.");
  render(r);
  await listRules();
}

async function listRules() {
  const file = $("b-file") ? $("b-file").value : ruleFiles()[0];
  const rules = rulesOf(await fileText(file));
  $("builder-rules").innerHTML = rules.map((x) => {
    const form = parseRule(x.text);
    return '<li>' + escape(x.name) + " " + (form ? '<button type="button" class="secondary b-open" data-name="' + escape(x.name) + '">Open in the form</button>'
      : '<span class="muted">(written by hand in another shape: edit it in the Rules view)</span>') + "</li>";
  }).join("");
  for (const b of document.querySelectorAll("#builder-rules .b-open")) {
    b.onclick = async () => {
      const x = rulesOf(await fileText(file)).find((y) => y.name === b.dataset.name);
      editing = x.name;
      render({ ...parseRule(x.text), file });
    };
  }
}

export async function show() {
  if (!$("b-name")) {
    render(blank());
    $("builder-form").onsubmit = save;
  }
  await listRules();
}
