// The model as a form: qualification thresholds and hysteresis, grade bands, floors and caps, the decay of each
// activity type with a chart of how its points fade over 90 days, and what each example expects. Saving sends only
// the values that changed (POST /api/workbench/model-form/write), and the service writes each where it stands in the
// YAML: comments, order and layout stay as written. The text it answers goes into the draft, read back as the form
// reads it, so the form always shows what the YAML says.

import { api, decisionLabel, escape, fileNames, fileText, setFile, status } from "./workbench.js";
import * as charts from "./charts.js";

const $ = (id) => document.getElementById(id);
let current = null;
/** The model as the service read it from the file, which the form's values are compared with when saved. */
let read = null;

const num = (id) => {
  const v = $(id).value.trim();
  return v === "" ? null : Number(v);
};

export const modelFiles = () => fileNames((n) => n.startsWith("scoring-models/"));

export async function show() {
  const files = modelFiles();
  if (!$("model-file")) {
    $("model").innerHTML = '<label for="model-file">Model file</label><select id="model-file"></select><div id="model-form"></div>';
    $("model-file").onchange = () => load($("model-file").value);
  }
  $("model-file").innerHTML = files.map((f) => '<option value="' + escape(f) + '">' + escape(f.replace(/^scoring-models\//, "")) + "</option>").join("");
  if (files.length) await load(current && files.includes(current) ? current : files[0]);
}

async function load(file) {
  current = file;
  $("model-file").value = file;
  const r = await api("POST", "/model-form", { file: file.replace(/^scoring-models\//, ""), content: await fileText(file) });
  if (!r.data.model) {
    $("model-form").innerHTML = '<p class="error">The model file cannot be read as it stands; fix it in the Rules view first: '
      + escape((r.data.problems || []).map((p) => p.message).join("; ")) + "</p>";
    return;
  }
  read = r.data.model;
  render(r.data.model);
}

const input = (id, label, value, extra = "") =>
  '<div><label for="' + id + '">' + label + '</label><input id="' + id + '" type="number" step="1" value="' + (value ?? "") + '" ' + extra + "></div>";

function render(m) {
  const q = m.qualification || {};
  const limits = m.limits || {};
  const axis = (name) => limits[name] || {};
  let html = '<form id="model-edit"><fieldset><legend>Qualification</legend><div class="form-row">'
    + input("q-min-fit", "Minimum fit", q.min_fit) + input("q-min-engagement", "Minimum engagement", q.min_engagement)
    + input("q-min-total", "Minimum total (optional)", q.min_total) + input("q-hysteresis", "Points to fall back before requalifying", q.hysteresis, 'min="0"')
    + '</div><p class="hint">A prospect qualifies when every minimum set is met. Having qualified, they must fall this many points below '
    + "a minimum before qualifying again counts as new (so a score wavering at the line does not qualify them again and again).</p></fieldset>";
  html += '<fieldset><legend>Grade bands (on the total, highest first)</legend><div id="grade-rows">';
  (m.grades || []).forEach((g, k) => { html += gradeRow(k, g); });
  html += '</div><button type="button" id="add-grade" class="secondary">Add a band</button></fieldset>';
  html += '<fieldset><legend>Floors and caps per axis</legend><div class="form-row">'
    + input("l-fit-floor", "Fit floor", axis("fit").floor) + input("l-fit-cap", "Fit cap", axis("fit").cap)
    + input("l-engagement-floor", "Engagement floor", axis("engagement").floor) + input("l-engagement-cap", "Engagement cap", axis("engagement").cap)
    + "</div></fieldset>";
  html += '<fieldset><legend>Decay per activity type</legend><div class="table-wrap"><table id="decay-table"><tr><th>activity type</th><th>how it fades</th><th>days</th></tr>';
  const types = Object.keys(m.decay || {}).sort((a, b) => (a === "default" ? -1 : b === "default" ? 1 : a.localeCompare(b)));
  types.forEach((t, k) => { html += decayRow(k, t, m.decay[t]); });
  html += '</table></div><button type="button" id="add-decay" class="secondary">Add an activity type</button><div id="decay-chart-box"></div></fieldset>';
  html += examplesFieldset(m.examples || []);
  const target = (m.suggested_points || {}).target || "won";
  html += '<fieldset><legend>Challenger and suggested points</legend><div class="form-row"><div><label for="m-challenger-of">Challenger of'
    + ' (empty: this model decides)</label><input id="m-challenger-of" value="' + escape(m.challenger_of || "") + '"></div><div>'
    + '<label for="m-target">Suggest points from</label><select id="m-target">' + [["won", "deals won"], ["converted", "Leads converted"]]
      .map(([v, label]) => '<option value="' + v + '"' + (target === v ? " selected" : "") + ">" + label + "</option>").join("")
    + '</select></div></div><p class="hint">A challenger scores every prospect its champion scores, in shadow: its scores go to the history and'
    + " the report (Does it work?) beside the champion's, never to Zoho. Promote it there when it does better.</p></fieldset>";
  html += '<button type="submit" id="model-save">Put in my change</button></form>';
  $("model-form").innerHTML = html;
  $("add-grade").onclick = () => $("grade-rows").insertAdjacentHTML("beforeend", gradeRow($("grade-rows").children.length, {}));
  $("add-decay").onclick = () => {
    $("decay-table").insertAdjacentHTML("beforeend", decayRow(document.querySelectorAll("#decay-table tr").length - 1, "", {}));
    wireDecay();
  };
  $("model-edit").onsubmit = save;
  wireDecay();
  drawDecay();
}

function gradeRow(k, g) {
  return '<div class="form-row grade-row"><div><label for="g-' + k + '-grade">Grade</label><input id="g-' + k + '-grade" class="g-grade" value="'
    + escape(g.grade || "") + '" size="4"></div>' + input("g-" + k + "-min", "From a total of (empty: everything below)", g.min, 'class="g-min"') + "</div>";
}

function decayRow(k, type, rule) {
  const kind = !rule || (rule.half_life_days == null && rule.window_days == null) ? "none" : rule.half_life_days != null ? "half_life_days" : "window_days";
  const days = rule ? rule.half_life_days ?? rule.window_days ?? "" : "";
  const option = (v, label) => '<option value="' + v + '"' + (kind === v ? " selected" : "") + ">" + label + "</option>";
  return '<tr class="decay-row"><td><label class="visually-hidden" for="d-' + k + '-type">Activity type</label><input id="d-' + k
    + '-type" class="d-type" value="' + escape(type) + '"></td><td><label class="visually-hidden" for="d-' + k + '-kind">How it fades</label><select id="d-'
    + k + '-kind" class="d-kind">' + option("half_life_days", "halves every … days") + option("window_days", "full for … days, then none")
    + option("none", "never fades") + '</select></td><td><label class="visually-hidden" for="d-' + k + '-days">Days</label><input id="d-' + k
    + '-days" class="d-days" type="number" min="1" step="1" value="' + days + '"></td></tr>';
}

function decayValues() {
  const out = {};
  for (const row of document.querySelectorAll("#decay-table .decay-row")) {
    const type = row.querySelector(".d-type").value.trim();
    if (!type) continue;
    const kind = row.querySelector(".d-kind").value;
    const days = row.querySelector(".d-days").value.trim();
    out[type] = kind === "none" || days === "" ? null : { [kind]: Number(days) };
  }
  return out;
}

function wireDecay() {
  for (const el of document.querySelectorAll("#decay-table input, #decay-table select")) {
    el.oninput = drawDecay;
    el.onchange = drawDecay;
  }
}

function drawDecay() {
  const box = $("decay-chart-box");
  box.innerHTML = "";
  charts.decay(box, decayValues());
}

const DECISION_CODES = ["create_lead", "update_lead", "convert_lead", "create_contact", "update_contact", "reject"];

/** Each example's name and what it expects: grade, decision, qualified — the form's changes and their examples go together. */
function examplesFieldset(examples) {
  let html = '<fieldset><legend>Examples (checked every time the model loads)</legend><div class="table-wrap"><table id="examples-table">'
    + "<tr><th>example</th><th>expected grade</th><th>expected decision</th><th>expected to qualify</th></tr>";
  examples.forEach((e, k) => {
    const x = e.expect || {};
    const decision = '<option value="">(not checked)</option>' + DECISION_CODES.map((d) => '<option value="' + d + '"' + (x.decision === d ? " selected" : "")
      + ">" + escape(decisionLabel(d)) + "</option>").join("");
    const qualified = [["", "(not checked)"], ["true", "yes"], ["false", "no"]].map(([v, label]) => '<option value="' + v + '"'
      + (String(x.qualified ?? "") === v ? " selected" : "") + ">" + label + "</option>").join("");
    html += '<tr class="example-row"><td class="wrap">' + escape(e.name || "example " + (k + 1)) + '</td><td><label class="visually-hidden" for="x-' + k
      + '-grade">Expected grade</label><input id="x-' + k + '-grade" class="x-grade" size="4" value="' + escape(x.grade || "") + '"></td>'
      + '<td><label class="visually-hidden" for="x-' + k + '-decision">Expected decision</label><select id="x-' + k + '-decision" class="x-decision">'
      + decision + '</select></td><td><label class="visually-hidden" for="x-' + k + '-qualified">Expected to qualify</label><select id="x-' + k
      + '-qualified" class="x-qualified">' + qualified + "</select></td></tr>";
  });
  return html + '</table></div><p class="hint">A change that breaks an example is not taken: change what the example expects here, with the'
    + " threshold it follows.</p></fieldset>";
}

// ---- the values changed, sent to be written in place --------------------------------------------------------------

const same = (a, b) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
const decayRule = (r) => (!r || (r.half_life_days == null && r.window_days == null) ? null
  : r.half_life_days != null ? { half_life_days: r.half_life_days } : { window_days: r.window_days });

/** Every value the form changed against the model as read: its path in the model and its new value (null removes it). */
function edits() {
  const out = [];
  const set = (path, before, after) => {
    if (!same(before, after)) out.push({ path, value: after ?? null });
  };
  const q = read.qualification || {};
  for (const [key, id] of [["min_fit", "q-min-fit"], ["min_engagement", "q-min-engagement"], ["min_total", "q-min-total"], ["hysteresis", "q-hysteresis"]]) {
    set(["qualification", key], q[key], num(id));
  }
  const bands = read.grades || [];
  const rows = [...document.querySelectorAll("#grade-rows .grade-row")].map((row) => ({
    grade: row.querySelector(".g-grade").value.trim(), min: row.querySelector(".g-min").value.trim() === "" ? null : Number(row.querySelector(".g-min").value),
  }));
  const removed = [];
  rows.forEach((r, k) => {
    if (k >= bands.length) {
      if (r.grade) out.push({ path: ["grades", "-"], value: r.min === null ? { grade: r.grade } : { grade: r.grade, min: r.min } });
    } else if (!r.grade) {
      removed.push(k);
    } else {
      set(["grades", k, "grade"], bands[k].grade, r.grade);
      set(["grades", k, "min"], bands[k].min, r.min);
    }
  });
  removed.reverse().forEach((k) => out.push({ path: ["grades", k], value: null }));
  const limits = read.limits || {};
  for (const axis of ["fit", "engagement"]) {
    for (const end of ["floor", "cap"]) set(["limits", axis, end], (limits[axis] || {})[end], num("l-" + axis + "-" + end));
  }
  const decay = decayValues();
  for (const [type, rule] of Object.entries(read.decay || {})) {
    const before = decayRule(rule);
    if (!(type in decay)) {
      out.push({ path: ["decay", type], value: null });
    } else if (!same(before, decay[type])) {
      out.push({ path: ["decay", type], value: decay[type] ?? "none" });
    }
  }
  for (const [type, rule] of Object.entries(decay)) {
    if (!(type in (read.decay || {}))) out.push({ path: ["decay", type], value: rule ?? "none" });
  }
  set(["challenger_of"], read.challenger_of, $("m-challenger-of").value.trim() || null);
  const target = $("m-target").value;
  if (!read.suggested_points) {
    if (target !== "won") out.push({ path: ["suggested_points"], value: { target } });
  } else {
    set(["suggested_points", "target"], read.suggested_points.target, target);
  }
  (read.examples || []).forEach((e, k) => {
    const x = e.expect || {};
    set(["examples", k, "expect", "grade"], x.grade, $("x-" + k + "-grade").value.trim() || null);
    set(["examples", k, "expect", "decision"], x.decision, $("x-" + k + "-decision").value || null);
    const qualified = $("x-" + k + "-qualified").value;
    set(["examples", k, "expect", "qualified"], x.qualified, qualified === "" ? null : qualified === "true");
  });
  return out;
}

async function save(event) {
  event.preventDefault();
  const changes = edits();
  if (!changes.length) {
    status(true, "The form has no change to put in.");
    return;
  }
  const file = current.replace(/^scoring-models\//, "");
  const r = await api("POST", "/model-form/write", { file, content: await fileText(current), edits: changes });
  if (r.status !== 200) {
    status(false, "The form's change could not be written: " + (r.data.fields || []).map((f) => f.field + " " + f.message).join("; "));
    return;
  }
  setFile(current, r.data.content);
  if (r.data.model) {
    read = r.data.model;
    status(true, "The model is in your change (" + changes.length + " value" + (changes.length === 1 ? "" : "s") + "); Check, preview and publish it as any change.");
  } else {
    status(false, "The model as the form says cannot be read: " + (r.data.problems || []).map((p) => p.message).join("; "));
  }
}
