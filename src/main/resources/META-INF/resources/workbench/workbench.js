// Rules workbench: edit rule and model files as a draft, check it, try it on prospects, preview its impact,
// publish it, and go back to any earlier version. Talks to /api/workbench with the admin key kept in sessionStorage.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { key: sessionStorage.getItem("adminKey"), file: null, original: {}, edits: {}, draft: null, problems: [] };

async function api(method, path, body) {
  const response = await fetch("/api/workbench" + path, {
    method,
    headers: { "X-Admin-Key": state.key, "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  const data = text && (response.headers.get("Content-Type") || "").includes("json") ? JSON.parse(text) : text;
  if (response.status === 401 || response.status === 403) {
    signOut(data.message || "That key is not an admin key.");
  }
  return { status: response.status, data };
}

/** A read of the service's reports (/api/reports, /api/prospects), which take the admin key too; null when not found. */
async function read(path) {
  const response = await fetch("/api" + path, { headers: { "X-Admin-Key": state.key } });
  return response.status === 200 ? response.json() : null;
}

function signOut(message) {
  sessionStorage.removeItem("adminKey");
  state.key = null;
  $("workbench").hidden = true;
  $("sign-out").hidden = true;
  $("sign-in").hidden = false;
  $("key-error").hidden = !message;
  $("key-error").textContent = message || "";
}

async function signIn(key) {
  state.key = key;
  const files = await api("GET", "/files");
  if (files.status !== 200) {
    return;
  }
  sessionStorage.setItem("adminKey", key);
  $("sign-in").hidden = true;
  $("workbench").hidden = false;
  $("sign-out").hidden = false;
  showFiles(files.data);
  await loadVersions();
}

function showFiles(listing) {
  $("live-version").textContent = "live rule set " + listing.version;
  const list = $("files");
  list.innerHTML = "";
  for (const f of listing.files) {
    const li = document.createElement("li");
    li.dataset.name = f.name;
    li.textContent = f.name.replace(/^rules\//, "").replace(/^scoring-models\//, "model: ");
    li.onclick = () => openFile(f.name);
    list.appendChild(li);
  }
}

async function openFile(name) {
  if (!(name in state.original)) {
    const file = await api("GET", "/files/" + name);
    state.original[name] = file.data.content;
  }
  state.file = name;
  document.querySelectorAll("#files li").forEach((li) => li.classList.toggle("current", li.dataset.name === name));
  $("file-name").textContent = name;
  $("code").disabled = false;
  $("code").value = name in state.edits ? state.edits[name] : state.original[name];
  render();
}

function edited() {
  const code = $("code").value;
  if (code === state.original[state.file]) {
    delete state.edits[state.file];
  } else {
    state.edits[state.file] = code;
  }
  state.problems = [];
  render();
}

// ---- the editor: line numbers, DRL colours, problems at their lines ----------------------------------------------

const TOKENS = /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|("(?:[^"\\\n]|\\.)*"?)|(@\w+)|\b(rule|when|then|end|package|import|not|exists|from|in|matches|and|or|eval|global|function|declare|salience|true|false|null)\b/g;

function escape(s) {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function highlight(code) {
  let out = "";
  let last = 0;
  for (const m of code.matchAll(TOKENS)) {
    out += escape(code.slice(last, m.index));
    const cls = m[1] ? "com" : m[2] ? "str" : m[3] ? "meta" : "kw";
    out += '<span class="' + cls + '">' + escape(m[0]) + "</span>";
    last = m.index + m[0].length;
  }
  return out + escape(code.slice(last));
}

function problemsOfFile() {
  const relative = (state.file || "").replace(/^rules\//, "").replace(/^scoring-models\//, "");
  return state.problems.filter((p) => p.file === relative && p.line);
}

function render() {
  const code = $("code").value;
  const lines = code.split("\n").length;
  const bad = new Set(problemsOfFile().map((p) => p.line));
  let gutter = "";
  for (let i = 1; i <= lines; i++) {
    gutter += bad.has(i) ? '<span class="bad" title="' + escape(problemsOfFile().filter((p) => p.line === i).map((p) => p.message).join("\n"))
      + '" data-line="' + i + '">' + i + "</span>" : i + "\n";
  }
  $("gutter").innerHTML = gutter;
  $("highlight").innerHTML = highlight(code) + "\n";
  const changed = Object.keys(state.edits).length > 0;
  for (const id of ["check", "preview", "publish", "test"]) {
    $(id).disabled = !changed;
  }
  for (const li of document.querySelectorAll("#files li")) {
    li.textContent = li.dataset.name.replace(/^rules\//, "").replace(/^scoring-models\//, "model: ") + (li.dataset.name in state.edits ? " •" : "");
  }
}

// ---- draft, check, try, impact, publish ----------------------------------------------------------------------------

async function saveDraft() {
  const files = { ...state.edits };
  if (state.draft) {
    const r = await api("PUT", "/drafts/" + state.draft, { files });
    if (r.status === 200) {
      return true;
    }
  }
  const r = await api("POST", "/drafts", { files });
  if (r.status !== 201) {
    status(false, r.data.message || "The draft could not be saved.");
    return false;
  }
  state.draft = r.data.id;
  return true;
}

function status(ok, message) {
  $("status").className = ok ? "ok" : "bad";
  $("status").textContent = message;
}

function showProblems(problems) {
  state.problems = problems || [];
  const list = $("problems");
  list.innerHTML = "";
  for (const p of state.problems) {
    const li = document.createElement("li");
    li.className = p.severity;
    li.textContent = (p.file || "rule set") + (p.line ? ":" + p.line + (p.column ? ":" + p.column : "") : "") + " " + p.message;
    li.dataset.line = p.line || "";
    li.onclick = () => {
      const target = (p.file && p.file.endsWith(".drl") ? "rules/" : "scoring-models/") + p.file;
      if (p.file && target !== state.file) {
        openFile(target);
      }
    };
    list.appendChild(li);
  }
  render();
}

async function check() {
  if (!(await saveDraft())) {
    return false;
  }
  const r = await api("POST", "/drafts/" + state.draft + "/validate");
  showProblems(r.data.problems);
  const errors = (r.data.problems || []).filter((p) => p.severity === "error").length;
  status(r.data.valid, r.data.valid ? "All good: the rules compile and every example passes." : errors + " problem(s) to fix before publishing.");
  return r.data.valid;
}

async function preview() {
  if (!(await saveDraft())) {
    return;
  }
  $("impact").innerHTML = '<p class="muted">Scoring every stored prospect both ways…</p>';
  const r = await api("POST", "/drafts/" + state.draft + "/impact");
  if (r.status !== 200) {
    showProblems(r.data.problems);
    $("impact").innerHTML = '<p class="error">' + escape(r.data.message) + "</p>";
    return;
  }
  const i = r.data;
  $("impact").innerHTML = '<p id="impact-summary"><b>' + i.changed + "</b> of " + i.prospects + " prospects change; <b>" + i.grade_changed
    + "</b> change grade; <b>" + i.newly_qualified + "</b> newly qualify; <b>" + i.no_longer_qualified + "</b> stop qualifying. ("
    + (i.millis / 1000).toFixed(1) + " s)</p>" + chart(i.distribution) + transitions(i.transitions) + largest(i.largest) + backTest(i.back_test);
}

// ---- does it work? ----------------------------------------------------------------------------------------------------

const percent = (r) => (r && r.value !== null && r.value !== undefined ? (r.value * 100).toFixed(0) + "%" : "too few");
const interval = (r) => (r && r.value !== null && r.value !== undefined ? " (" + (r.low * 100).toFixed(0) + "–" + (r.high * 100).toFixed(0) + "%)" : "");
const ratio = (r) => (r ? r.value.toFixed(2) : "–");

/** The live and draft calibrations of the prospects whose outcome is known, side by side. */
function backTest(b) {
  if (!b || !b.prospects) {
    return '<p class="muted">Back-test: no prospect with a known outcome yet (see Does it work?).</p>';
  }
  const bands = [...new Set([...b.live.grades, ...b.draft.grades].map((g) => g.band))].sort();
  const of = (report, band) => report.grades.find((g) => g.band === band);
  let html = '<h3>Back-test on ' + b.prospects + ' prospects with an outcome</h3><table id="back-test"><tr><th>win rate</th><th>live</th><th>with change</th></tr>';
  for (const band of bands) {
    const l = of(b.live, band), d = of(b.draft, band);
    html += "<tr><td>grade " + escape(band) + "</td><td>" + (l ? percent(l.win_rate) + " of " + l.prospects : "–") + "</td><td>"
      + (d ? percent(d.win_rate) + " of " + d.prospects : "–") + "</td></tr>";
  }
  html += "<tr><td>AUC</td><td>" + ratio(b.live.auc) + "</td><td>" + ratio(b.draft.auc) + "</td></tr>";
  html += "<tr><td>top-decile lift</td><td>" + ratio(b.live.top_decile_lift) + "</td><td>" + ratio(b.draft.top_decile_lift) + "</td></tr>";
  return html + '</table><div id="back-test-charts"><h3>Live</h3>' + winRates(b.live.grades, "win-rates-live") + "<h3>With the change</h3>"
    + winRates(b.draft.grades, "win-rates-draft") + "</div>";
}

/**
 * Conversion and win rate per grade as bars (light: converted, dark: won), each with its 95% interval as a whisker; a
 * band with too few prospects says so instead.
 */
function winRates(grades, id = "win-rates") {
  const width = 400, height = 120, w = width / Math.max(1, grades.length);
  const bar = (x, r, colour, what, g) => {
    const y = height - r.value * height;
    return '<rect x="' + x + '" y="' + y + '" width="' + w / 3 + '" height="' + (height - y) + '" fill="' + colour + '"><title>grade ' + escape(g.band)
      + " " + what + ": " + percent(r) + interval(r) + " of " + g.prospects + "</title></rect>"
      + '<line x1="' + (x + w / 6) + '" x2="' + (x + w / 6) + '" y1="' + (height - r.high * height) + '" y2="' + (height - r.low * height)
      + '" stroke="#1d2330"/>';
  };
  let svg = "";
  grades.forEach((g, k) => {
    const x = k * w + w / 6;
    if (g.win_rate.value === null) {
      svg += '<text x="' + x + '" y="' + (height - 4) + '">too few</text>';
    } else {
      svg += bar(x, g.conversion_rate, "#9aa7c7", "converted", g) + bar(x + w / 3, g.win_rate, "#3853a4", "won", g);
    }
    svg += '<text x="' + x + '" y="' + (height + 12) + '">' + escape(g.band) + " (" + g.prospects + ")</text>";
  });
  return '<svg id="' + id + '" role="img" aria-label="Conversion and win rate per grade" viewBox="0 0 ' + width + " " + (height + 16)
    + '" width="100%">' + svg + '</svg><p class="muted">Per grade (prospects in brackets): converted (light) and won (dark), '
    + "each with its 95% interval.</p>";
}

/** Qualified prospects per week as a line, with sales' capacity as a flat line when it is set. */
function weekly(weeks) {
  if (!weeks.length) {
    return '<p class="muted">No prospect has qualified yet.</p>';
  }
  const width = 400, height = 80, capacity = weeks[0].capacity;
  const max = Math.max(1, capacity || 0, ...weeks.map((w) => w.qualified));
  const x = (k) => (weeks.length === 1 ? width / 2 : (k * width) / (weeks.length - 1));
  const points = weeks.map((w, k) => x(k) + "," + (height - (w.qualified / max) * height)).join(" ");
  let svg = '<polyline points="' + points + '" fill="none" stroke="#3853a4" stroke-width="2"/>';
  if (capacity) {
    svg += '<line x1="0" x2="' + width + '" y1="' + (height - (capacity / max) * height) + '" y2="' + (height - (capacity / max) * height)
      + '" stroke="#b3261e" stroke-dasharray="4"/>';
  }
  return '<svg id="weekly" role="img" aria-label="Qualified per week" viewBox="0 0 ' + width + " " + (height + 4) + '" width="100%">' + svg
    + '</svg><p class="muted">Qualified per week' + (capacity ? " against sales' capacity of " + capacity + " (dashed)" : "") + ".</p>";
}

async function calibrate() {
  const report = await read("/reports/calibration");
  if (!report) {
    $("calibration").innerHTML = '<p class="error">The report could not be read.</p>';
    return;
  }
  const c = report.calibration;
  let html = '<p id="calibration-summary">' + c.prospects + " prospects, " + c.with_outcome + " with a known outcome; AUC " + ratio(c.auc)
    + ", top-decile lift " + ratio(c.top_decile_lift) + "; won " + percent(c.overall.win_rate) + interval(c.overall.win_rate) + ".</p>";
  html += winRates(c.grades);
  html += '<table id="lifts"><tr><th>rule</th><th>fired</th><th>won when fired</th><th>when not</th><th>lift</th></tr>';
  for (const r of c.rules) {
    html += "<tr><td>" + escape(r.rule) + "</td><td>" + r.fired + "</td><td>" + percent(r.win_rate_fired) + "</td><td>" + percent(r.win_rate_not_fired)
      + "</td><td>" + (r.lift ? r.lift.value.toFixed(2) + " (" + r.lift.low.toFixed(2) + "–" + r.lift.high.toFixed(2) + ")" : "–") + "</td></tr>";
  }
  $("calibration").innerHTML = html + "</table>" + weekly(c.qualified_per_week);
}

/** A stored prospect's score history as a small timeline, newest first. */
async function timeline(email) {
  const h = email ? await read("/prospects/" + encodeURIComponent(email) + "/history?limit=10") : null;
  if (!h || !h.history.length) {
    return "";
  }
  return '<ol id="timeline">' + h.history.map((e) => "<li><time>" + escape(e.scored_at.slice(0, 16).replace("T", " ")) + "</time> "
    + (e.total ?? "–") + " " + escape(e.grade || "") + " · " + escape(e.decision) + ' <span class="muted">' + escape(e.source) + "</span></li>").join("")
    + "</ol>";
}

function chart(buckets) {
  const width = 400, height = 120, max = Math.max(1, ...buckets.map((b) => Math.max(b.live, b.draft)));
  const w = width / Math.max(1, buckets.length);
  let bars = "";
  buckets.forEach((b, k) => {
    const hl = (b.live / max) * height, hd = (b.draft / max) * height;
    bars += '<rect x="' + (k * w + 1) + '" y="' + (height - hl) + '" width="' + (w / 2 - 1) + '" height="' + hl + '" fill="#9aa7c7"><title>'
      + b.from + "+ live: " + b.live + "</title></rect>";
    bars += '<rect x="' + (k * w + w / 2) + '" y="' + (height - hd) + '" width="' + (w / 2 - 1) + '" height="' + hd + '" fill="#3853a4"><title>'
      + b.from + "+ with change: " + b.draft + "</title></rect>";
    bars += '<text x="' + (k * w + 2) + '" y="' + (height + 12) + '">' + b.from + "</text>";
  });
  return '<svg id="distribution" viewBox="0 0 ' + width + " " + (height + 16) + '" width="100%">' + bars
    + '</svg><p class="muted">Score distribution: light live, dark with the change.</p>';
}

function transitions(matrix) {
  const to = [...new Set(Object.values(matrix).flatMap((row) => Object.keys(row)))].sort();
  let html = '<table id="transitions"><tr><th>live → change</th>' + to.map((t) => "<th>" + escape(t) + "</th>").join("") + "</tr>";
  for (const from of Object.keys(matrix)) {
    html += "<tr><td>" + escape(from) + "</td>" + to.map((t) => "<td>" + (matrix[from][t] || "") + "</td>").join("") + "</tr>";
  }
  return html + "</table>";
}

function largest(changes) {
  let html = '<table id="largest"><tr><th>prospect</th><th>live</th><th>change</th><th>rules</th></tr>';
  for (const c of changes.slice(0, 15)) {
    html += "<tr><td>" + escape(c.email) + "</td><td>" + c.live_total + " " + (c.live_grade || "") + "</td><td>" + c.draft_total + " "
      + (c.draft_grade || "") + "</td><td>" + c.rules.map((r) => escape(r.rule) + " " + (r.live ?? 0) + "→" + (r.draft ?? 0)).join(", ") + "</td></tr>";
  }
  return html + "</table>";
}

async function test(event) {
  event.preventDefault();
  if (!(await saveDraft())) {
    return;
  }
  const email = $("test-email").value.trim();
  const title = $("test-title").value.trim();
  const company = $("test-company").value.trim();
  const body = title || company ? { prospects: [{ prospect: { email, title: title || null, company: company || null } }] } : { emails: [email] };
  const r = await api("POST", "/drafts/" + state.draft + "/test", body);
  if (r.status !== 200) {
    $("test-result").innerHTML = '<p class="error">' + escape(r.data.message) + "</p>";
    return;
  }
  let html = '<table id="test-table"><tr><th></th><th>live</th><th>with change</th></tr>';
  for (const c of r.data) {
    for (const [label, f] of [["fit", (s) => s.score_card.fit], ["engagement", (s) => s.score_card.engagement], ["total", (s) => s.score_card.total],
      ["grade", (s) => s.score_card.grade], ["decision", (s) => s.decision.action]]) {
      html += "<tr><td>" + label + "</td><td>" + escape(String(f(c.live) ?? "–")) + "</td><td>" + escape(String(f(c.draft) ?? "–")) + "</td></tr>";
    }
  }
  $("test-result").innerHTML = html + "</table>" + (await timeline(email));
}

async function publish() {
  const message = $("message").value.trim();
  if (!message) {
    status(false, "Say why the rules change: it is shown in the history.");
    $("message").focus();
    return;
  }
  if (!(await check())) {
    return;
  }
  const r = await api("POST", "/drafts/" + state.draft + "/publish", { message });
  if (r.status !== 201) {
    showProblems(r.data.problems);
    status(false, r.data.message);
    return;
  }
  status(true, "Published as version " + r.data.number + ": live now.");
  await afterChange();
}

async function rollback(number) {
  const r = await api("POST", "/versions/" + number + "/rollback", { message: "Back to version " + number });
  if (r.status !== 201) {
    status(false, r.data.message);
    return;
  }
  status(true, "Version " + number + " is live again, as version " + r.data.number + ".");
  await afterChange();
}

async function afterChange() {
  state.draft = null;
  state.edits = {};
  state.original = {};
  $("message").value = "";
  showFiles((await api("GET", "/files")).data);
  await loadVersions();
  if (state.file) {
    await openFile(state.file);
  }
}

async function loadVersions() {
  const r = await api("GET", "/versions");
  const list = $("versions");
  list.innerHTML = "";
  for (const v of r.data) {
    const li = document.createElement("li");
    li.dataset.number = v.number;
    li.innerHTML = "<b>v" + v.number + "</b> " + escape(v.message) + "<small>" + escape(v.author) + ", " + new Date(v.created_at).toLocaleString()
      + "</small>";
    if (v.number > 1) {
      const diff = document.createElement("button");
      diff.textContent = "diff";
      diff.className = "diff";
      diff.onclick = (e) => { e.stopPropagation(); showDiff(v.number - 1, v.number); };
      li.appendChild(diff);
    }
    const back = document.createElement("button");
    back.textContent = "roll back to this";
    back.className = "rollback";
    back.onclick = (e) => { e.stopPropagation(); rollback(v.number); };
    li.appendChild(back);
    list.appendChild(li);
  }
}

async function showDiff(from, to) {
  const r = await api("GET", "/versions/" + from + "/diff/" + to);
  $("diff").classList.remove("muted");
  $("diff").innerHTML = escape(r.data || "No difference.").split("\n").map((l) => l.startsWith("+") ? '<span class="add">' + l + "</span>"
    : l.startsWith("-") ? '<span class="del">' + l + "</span>" : l).join("\n");
}

// ---- wiring ---------------------------------------------------------------------------------------------------------

$("key-form").onsubmit = (e) => { e.preventDefault(); signIn($("admin-key").value.trim()); };
$("sign-out").onclick = () => signOut();
$("code").oninput = edited;
$("code").onscroll = () => { $("highlight").style.transform = "translate(" + -$("code").scrollLeft + "px," + -$("code").scrollTop + "px)"; };
$("check").onclick = check;
$("preview").onclick = preview;
$("publish").onclick = publish;
$("test-form").onsubmit = test;
$("calibrate").onclick = calibrate;
if (state.key) {
  signIn(state.key);
}
