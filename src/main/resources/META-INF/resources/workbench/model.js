// The model as a form: qualification thresholds and hysteresis, grade bands, floors and caps, and the decay of each
// activity type with a chart of how its points fade over 90 days. Saving writes the model's YAML into the draft: the
// form's sections are replaced in the file's text, and everything else in it (name, rules, examples, comments above
// each section) is kept as written. The service reads the text back (POST /api/workbench/model-form), so the form
// always shows what the YAML says.

import { api, escape, fileNames, fileText, setFile, status } from "./workbench.js";
import * as charts from "./charts.js";

const $ = (id) => document.getElementById(id);
let current = null;

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
    + input("q-min-total", "Minimum total (optional)", q.min_total) + input("q-hysteresis", "Hysteresis", q.hysteresis, 'min="0"')
    + '</div><p class="hint">A prospect qualifies when every minimum set is met; having qualified, they must fall the hysteresis below '
    + "a minimum before qualifying again counts as new.</p></fieldset>";
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

// ---- back to YAML -------------------------------------------------------------------------------------------------

const yamlKey = (k) => (/^[A-Za-z_][\w-]*$/.test(k) ? k : JSON.stringify(k));
const yamlText = (v) => (/^[A-Za-z0-9_+.-]+$/.test(v) ? v : JSON.stringify(v));
const flow = (o) => "{ " + Object.entries(o).filter(([, v]) => v !== null && v !== undefined).map(([k, v]) => k + ": " + v).join(", ") + " }";

function sections() {
  const qualification = ["qualification:"];
  for (const [key, id] of [["min_fit", "q-min-fit"], ["min_engagement", "q-min-engagement"], ["min_total", "q-min-total"], ["hysteresis", "q-hysteresis"]]) {
    if (num(id) !== null) qualification.push("  " + key + ": " + num(id));
  }
  const grades = ["grades:"];
  for (const row of document.querySelectorAll("#grade-rows .grade-row")) {
    const grade = row.querySelector(".g-grade").value.trim();
    const min = row.querySelector(".g-min").value.trim();
    if (grade) grades.push("  - " + flow({ grade: yamlText(grade), min: min === "" ? null : Number(min) }));
  }
  const limits = ["limits:"];
  for (const axis of ["fit", "engagement"]) {
    const floor = num("l-" + axis + "-floor"), cap = num("l-" + axis + "-cap");
    if (floor !== null || cap !== null) limits.push("  " + axis + ": " + flow({ floor, cap }));
  }
  const decay = ["decay:"];
  for (const [type, rule] of Object.entries(decayValues())) {
    decay.push("  " + yamlKey(type) + ": " + (rule ? flow(rule) : "none"));
  }
  return { qualification, grades, limits: limits.length > 1 ? limits : null, decay: decay.length > 1 ? decay : null };
}

/** The YAML with each top-level section replaced (or added at the end when the file has none). */
function replaceSections(yaml, replacements) {
  let lines = yaml.replace(/\s+$/, "").split("\n");
  for (const [key, section] of Object.entries(replacements)) {
    const start = lines.findIndex((l) => l.startsWith(key + ":"));
    if (start < 0) {
      if (section) lines = [...lines, "", ...section];
      continue;
    }
    let end = start + 1;
    while (end < lines.length && !/^[A-Za-z_"']/.test(lines[end])) end += 1;
    // Comments and blank lines just above the next section belong to it.
    while (end - 1 > start && /^\s*(#.*)?$/.test(lines[end - 1]) && !/^\s+#/.test(lines[end - 1])) end -= 1;
    lines = [...lines.slice(0, start), ...(section || []), ...lines.slice(end)];
  }
  return lines.join("\n") + "\n";
}

async function save(event) {
  event.preventDefault();
  const yaml = replaceSections(await fileText(current), sections());
  setFile(current, yaml);
  const r = await api("POST", "/model-form", { file: current.replace(/^scoring-models\//, ""), content: yaml });
  if (r.data.model) {
    status(true, "The model is in your change; Check, preview and publish it as any change.");
  } else {
    status(false, "The model as the form says cannot be read: " + (r.data.problems || []).map((p) => p.message).join("; "));
  }
}
