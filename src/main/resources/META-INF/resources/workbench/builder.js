// The rule builder: "give [N] [fit | engagement] points when [field] [is / is one of / is at least / contains …]
// [value]", activity conditions ("a [webinar_attended] in the last [30] days"), @max, routing (make a Contact / reject)
// and the reason — written into the draft as rule-language text, which stays the source of truth. The page parses no
// rule: the server reads a file's rules into forms (/api/workbench/builder/read) and writes a form back into the file
// (/api/workbench/builder/write), checking every value as the rule language does; a rule written by hand in the same
// shape opens in the form too.

import { api, escape, fileNames, fileText, setFile, state, status } from "./workbench.js";

const $ = (id) => document.getElementById(id);

/** The tests the form offers, by the name the server knows them by. */
const OPERATORS = [
  { key: "is", label: "is" },
  { key: "is_not", label: "is not" },
  { key: "one_of", label: "is one of" },
  { key: "at_least", label: "is at least" },
  { key: "at_most", label: "is at most" },
  { key: "contains", label: "contains" },
  { key: "matches", label: "matches the pattern" },
];

let editing = null; // the rule being edited ({ file, name }), or null for a new one
let forms = {}; // the forms of the listed file's rules, by name, as the server read them
let previews = 0; // answers to earlier previews that arrive late are dropped

const prospectProperties = () =>
  state.vocabulary.facts.find((f) => f.name === "Prospect").properties.filter((p) => p.type !== "map" && p.type !== "time");

const whole = (v) => (String(v).trim() === "" ? null : Number.parseInt(v, 10));

/** The form as the server takes it (RuleForm). */
function ruleOf(r) {
  const points = r.effect === "fit" || r.effect === "engagement";
  return {
    name: r.name,
    effect: r.effect,
    points: points ? whole(r.points) : null,
    max: whole(r.max),
    reason: r.reason,
    conditions: r.conditions,
    activity: r.activity ? { type: r.activity.type, days: whole(r.activity.days) } : null,
  };
}

/** What the server said is wrong with a form, field by field, in one line. */
const problemsOf = (data) => (data && data.fields ? data.fields.map((f) => f.field.replace(/^rule\./, "") + " " + f.message).join("; ")
  : (data && data.message) || "the form cannot be written");

// ---- the form ------------------------------------------------------------------------------------------------------

function ruleFiles() {
  return fileNames((n) => n.endsWith(".drl"));
}

/** The file a new rule of this kind goes in by default: the one named for its axis (fit.drl, engagement.drl), routing for the rest. */
function fileFor(effect) {
  const files = ruleFiles();
  const word = effect === "fit" || effect === "engagement" ? effect : "routing";
  return files.find((f) => f.slice(f.lastIndexOf("/") + 1).startsWith(word)) || files[0];
}

/** A field as people name it, as the Zapier app labels it: "employeeCount" → "Employee count"; industryKey tests any case. */
function fieldLabel(p) {
  if (p.name === "industryKey") return "Industry (any case: written lower-case)";
  const words = p.name.replace(/([A-Z])/g, " $1").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The default test: the industry, in any case. */
const DEFAULT_CONDITION = () => ({ property: prospectProperties().some((p) => p.name === "industryKey") ? "industryKey" : "industry", operator: "is", value: "" });

function conditionRow(k, c = DEFAULT_CONDITION()) {
  const props = prospectProperties().map((p) => '<option value="' + p.name + '"' + (p.name === c.property ? " selected" : "") + ">" + escape(fieldLabel(p))
    + "</option>").join("");
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
  $("b-effect").addEventListener("change", () => {
    // A new rule goes in the file of its kind unless a file was picked for it.
    if (!editing && !$("b-file").dataset.picked) {
      $("b-file").value = fileFor($("b-effect").value);
      listRules();
    }
  });
  $("b-file").addEventListener("change", () => { $("b-file").dataset.picked = "yes"; });
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
    conditions: [...document.querySelectorAll("#b-conditions .condition")].map((row) => {
      const property = row.querySelector(".c-property").value;
      const value = row.querySelector(".c-value").value;
      // industryKey holds the industry lower-cased ("&" as "and"): the value typed is compared the same way.
      return { property, operator: row.querySelector(".c-operator").value, value: property === "industryKey" ? value.toLowerCase().replace(/&/g, "and") : value };
    }).filter((c) => c.value.trim() !== ""),
    activity: $("b-activity").value ? { type: $("b-activity").value, days: $("b-days").value.trim() } : null,
  };
}

async function preview() {
  $("b-points").disabled = !["fit", "engagement"].includes($("b-effect").value);
  const asked = ++previews;
  const { status: code, data } = await api("POST", "/builder/write", { rule: ruleOf(values()) });
  if (asked === previews && $("b-preview")) {
    $("b-preview").textContent = code === 200 ? data.rule : "Not written yet: " + problemsOf(data);
  }
}

const blank = () => ({ file: fileFor("fit"), name: "", effect: "fit", points: "10", max: "", reason: "", conditions: [DEFAULT_CONDITION()], activity: null });

async function save(event) {
  event.preventDefault();
  const r = values();
  const replacing = editing && editing.file === r.file ? editing.name : null;
  const { status: code, data } = await api("POST", "/builder/write", { text: await fileText(r.file), replacing, rule: ruleOf(r) });
  if (code !== 200) {
    status(false, "The rule is not written: " + problemsOf(data) + ".");
    return;
  }
  setFile(r.file, data.text);
  editing = { file: r.file, name: r.name.trim() };
  status(true, "Rule \"" + r.name.trim() + "\" is in your change to " + r.file + "; it is checked as you go, and goes live when you publish.");
  render(r);
  await listRules();
}

async function listRules() {
  const file = $("b-file") ? $("b-file").value : ruleFiles()[0];
  const { status: code, data } = await api("POST", "/builder/read", { text: await fileText(file) });
  if (code !== 200 || data.problem) {
    forms = {};
    $("builder-rules").innerHTML = '<li class="muted">' + escape(code === 200 ? data.problem : problemsOf(data)) + "</li>";
    return;
  }
  forms = Object.fromEntries(data.rules.filter((x) => x.form).map((x) => [x.name, x.form]));
  $("builder-rules").innerHTML = data.rules.map((x) => '<li>' + escape(x.name) + " "
    + (x.form ? '<button type="button" class="secondary b-open" data-name="' + escape(x.name) + '">Open in the form</button>'
      : '<span class="muted">(written by hand in another shape: ' + escape(x.why) + "; edit it in the Rules view)</span>") + "</li>").join("");
  for (const b of document.querySelectorAll("#builder-rules .b-open")) {
    b.onclick = () => {
      const form = forms[b.dataset.name];
      editing = { file, name: form.name };
      render({ ...form, file, points: form.points ?? "", max: form.max ?? "", activity: form.activity ? { type: form.activity.type, days: form.activity.days ?? "" } : null });
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
