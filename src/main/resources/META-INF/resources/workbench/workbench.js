// Rules workbench: edit rule and model files as a draft, check it, try it on prospects, preview its impact, publish
// it, and go back to any earlier version. Talks to /api/workbench as the person signed in through the company's
// provider (the session cookie) or with an admin key kept in sessionStorage; offers only what the person's role allows.
// The views (tabs) share one draft: the files changed, whichever view changed them.

import { createEditor } from "./editor.js";
import * as charts from "./charts.js";
import * as builder from "./builder.js";
import * as tables from "./tables.js";
import * as model from "./model.js";
import * as rescoring from "./rescoring.js";

const $ = (id) => document.getElementById(id);

/** The one state of the page: the key, the file open, the live files read so far, the draft's changed files. */
export const state = { key: sessionStorage.getItem("adminKey"), me: null, stamp: 0, liveVersion: null, file: null, original: {}, edits: {}, draft: null, problems: [], vocabulary: null };
let editor = null;

export function escape(s) {
  return String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** The headers of every call: the admin key when one is used (else the session cookie goes by itself), and that this
 *  is a script, so that an expired session answers 499 instead of redirecting to the provider. */
export function credentials(contentType = "application/json") {
  const headers = { "Content-Type": contentType, "X-Requested-With": "JavaScript" };
  if (state.key) headers["X-Admin-Key"] = state.key;
  return headers;
}

/** True when the person's role allows it: "viewer", "editor" or "publisher" (a key holds every role). */
export const may = (role) => !!state.me && state.me.roles.includes(role);

export async function api(method, path, body, contentType = "application/json") {
  const response = await fetch("/api/workbench" + path, {
    method,
    headers: credentials(contentType),
    body: body === undefined ? undefined : contentType === "application/json" ? JSON.stringify(body) : body,
  });
  const text = await response.text();
  const data = text && (response.headers.get("Content-Type") || "").includes("json") ? JSON.parse(text) : text;
  if (response.status === 401 || response.status === 499 || response.status === 403 && data.error === "admin_disabled") {
    signOut(response.status === 499 ? "Your sign-in has expired: sign in again." : data.message || "That key is not an admin key.");
  }
  return { status: response.status, data };
}

/** A read of the service's other endpoints that take the admin key (reports, prospects, re-scoring); null when refused. */
export async function read(path, init = {}) {
  const response = await fetch("/api" + path, { ...init, headers: { ...credentials(), ...(init.headers || {}) } });
  const text = await response.text();
  const data = text ? JSON.parse(text) : null;
  return response.ok ? data : init.method ? { error: true, status: response.status, ...(data || {}) } : null;
}

function signOut(message) {
  sessionStorage.removeItem("adminKey");
  state.key = null;
  state.me = null;
  $("workbench").hidden = true;
  $("sign-out").hidden = true;
  $("who").textContent = "";
  $("sign-in").hidden = false;
  $("company-sign-in").hidden = document.body.dataset.signIn !== "on";
  $("key-error").hidden = !message;
  $("key-error").textContent = message || "";
}

/** Leaves the workbench: a key is forgotten, a session is ended at the service. */
async function leave() {
  if (state.me && state.me.via === "sign_in") {
    await fetch("/workbench/sign-out", { method: "POST", headers: { "X-Requested-With": "JavaScript" } });
  }
  signOut();
}

/** Opens the workbench for a key, or (no key) for the person signed in, when there is one. */
async function signIn(key) {
  state.key = key;
  const me = await api("GET", "/me");
  if (me.status !== 200) {
    if (!key) signOut(); // nobody signed in yet: the sign-in box, without an error
    return;
  }
  const files = await api("GET", "/files");
  if (key) sessionStorage.setItem("adminKey", key);
  state.me = me.data;
  $("who").textContent = "Signed in as " + me.data.name + " (" + me.data.roles.at(-1) + ")";
  $("sign-out").textContent = me.data.via === "sign_in" ? "Sign out" : "Forget key";
  document.body.dataset.roles = me.data.roles.join(" ");
  $("sign-in").hidden = true;
  $("workbench").hidden = false;
  $("sign-out").hidden = false;
  state.vocabulary = (await api("GET", "/vocabulary")).data;
  if (!editor) {
    editor = createEditor($("editor"), state.vocabulary, { check: checkAsYouType, changed: edited });
    $("editor").editor = editor; // for the browser tests and the console
  }
  showFiles(files.data);
  await loadVersions();
}

// ---- views ---------------------------------------------------------------------------------------------------------

const opened = {
  "view-builder": () => builder.show(),
  "view-tables": () => tables.show(),
  "view-model": () => model.show(),
  "view-rescoring": () => rescoring.show(),
};

function showView(tab) {
  for (const t of document.querySelectorAll("#views [role=tab]")) {
    const selected = t === tab;
    t.setAttribute("aria-selected", String(selected));
    t.tabIndex = selected ? 0 : -1;
    $(t.getAttribute("aria-controls")).hidden = !selected;
  }
  const view = tab.getAttribute("aria-controls");
  if (opened[view]) opened[view]();
}

export function goTo(viewId) {
  showView(document.querySelector("#views [aria-controls='" + viewId + "']"));
}

// ---- files and the draft ---------------------------------------------------------------------------------------------

function showFiles(listing) {
  state.liveVersion = listing.version;
  state.listing = listing;
  markStale();
  const list = $("files");
  list.innerHTML = "";
  for (const f of listing.files) {
    const li = document.createElement("li");
    li.dataset.name = f.name;
    const button = document.createElement("button");
    button.type = "button";
    button.onclick = () => openFile(f.name);
    li.appendChild(button);
    list.appendChild(li);
  }
  render();
}

/** The names of the files — live, and new ones in the draft — that `keep` picks. */
export const fileNames = (keep) => (state.listing ? state.listing.files : []).map((f) => f.name).filter(keep);

/** The live text of a file (read once), or its text in the draft. */
export async function fileText(name) {
  if (name in state.edits) return state.edits[name] ?? "";
  if (!(name in state.original)) {
    const file = await api("GET", "/files/" + name);
    state.original[name] = file.status === 200 ? file.data.content : "";
  }
  return state.original[name];
}

/** Puts a file's new text in the draft (whichever view wrote it); the same text as live takes it out again. */
export function setFile(name, text) {
  if (state.listing && !state.listing.files.some((f) => f.name === name)) {
    // A new file (a point table uploaded): listed with the others from now on.
    state.listing.files.push({ name, size: text.length });
    state.listing.files.sort((a, b) => a.name.localeCompare(b.name));
    showFiles(state.listing);
  }
  if (state.edits[name] !== (name in state.original && text === state.original[name] ? undefined : text)) {
    state.stamp++;
  }
  if (name in state.original && text === state.original[name]) {
    delete state.edits[name];
  } else {
    state.edits[name] = text;
  }
  if (name === state.file && editor && editor.text() !== text) {
    editor.open(text, name);
  }
  render();
  markStale();
}

export async function openFile(name) {
  const text = await fileText(name);
  state.file = name;
  $("file-name").textContent = name;
  editor.open(text, name);
  render();
  goTo("view-rules");
}

function edited(text) {
  if (state.file) setFile(state.file, text);
}

const shortName = (name) => name.replace(/^rules\//, "").replace(/^scoring-models\//, "model: ");
const relative = (name) => (name || "").replace(/^rules\//, "").replace(/^scoring-models\//, "");

function render() {
  const changed = Object.keys(state.edits).length > 0;
  for (const id of ["check", "preview", "publish"]) {
    $(id).disabled = !changed;
  }
  // Try works without a change too: the live rules only.
  $("test").textContent = changed ? "Score live and with my change" : "Score with the live rules";
  if (!may("publisher")) {
    $("publish").disabled = true;
    $("publish").title = "Publishing needs the publisher role";
  }
  for (const li of document.querySelectorAll("#files li")) {
    const button = li.querySelector("button");
    button.textContent = shortName(li.dataset.name) + (li.dataset.name in state.edits ? " •" : "");
    li.classList.toggle("current", li.dataset.name === state.file);
    if (li.dataset.name === state.file) button.setAttribute("aria-current", "true");
    else button.removeAttribute("aria-current");
  }
}

/** The service's check of the draft as it stands with the editor's text, for the editor's marks while typing. */
async function checkAsYouType(text) {
  if (!state.file || !state.me) return [];
  const files = { ...state.edits, [state.file]: text };
  const r = await api("POST", "/validate", { files });
  if (r.status !== 200) return [];
  // The problem bar follows the text as it is now: a fix or a revert clears what it fixed, with no Check needed.
  showProblems(r.data.problems);
  return (r.data.problems || []).filter((p) => p.file === relative(state.file) && p.line);
}

/**
 * What a result was computed for: the change as it stood (every edit moves the stamp) and the live version. A result
 * whose stamp or live version is no longer the page's is marked out of date.
 */
function stampOf() {
  return { stamp: state.stamp, live: state.liveVersion };
}

function markStale() {
  for (const box of [$("impact"), $("test-result")]) {
    const at = box.dataset.stamp ? JSON.parse(box.dataset.stamp) : null;
    const stale = at && (at.stamp !== state.stamp || at.live !== state.liveVersion);
    let note = box.querySelector(".stale");
    if (stale && !note) {
      box.insertAdjacentHTML("afterbegin", '<p class="stale" role="status">Out of date: your change or the live rules changed since this was'
        + " computed. Run it again to see it as it is now.</p>");
    } else if (!stale && note) {
      note.remove();
    }
  }
}

export async function saveDraft() {
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

export function status(ok, message) {
  $("status").className = ok ? "ok" : "bad";
  $("status").textContent = message;
}

/**
 * Asks before what changes the live rules or writes to Zoho: resolves to the reason given (or "" when none is asked
 * for), or null when cancelled, in which case nothing is done.
 */
export function confirmAction({ title, html, confirm, reason = "", reasonLabel = "Why (kept in the history)" }) {
  const dialog = $("confirm");
  $("confirm-title").textContent = title;
  $("confirm-text").innerHTML = html;
  $("confirm-ok").textContent = confirm;
  $("confirm-reason").value = reason;
  $("confirm-reason").hidden = $("confirm-reason-label").hidden = !reasonLabel;
  $("confirm-reason-label").textContent = reasonLabel || "";
  $("confirm-error").hidden = true;
  return new Promise((resolve) => {
    const done = (value) => {
      dialog.close();
      resolve(value);
    };
    $("confirm-cancel").onclick = () => done(null);
    dialog.oncancel = (e) => {
      e.preventDefault();
      done(null);
    };
    $("confirm-form").onsubmit = (e) => {
      e.preventDefault();
      const text = $("confirm-reason").value.trim();
      if (reasonLabel && !text) {
        $("confirm-error").hidden = false;
        $("confirm-reason").focus();
        return;
      }
      done(text);
    };
    dialog.showModal();
    (reasonLabel ? $("confirm-reason") : $("confirm-ok")).focus();
  });
}

export function showProblems(problems) {
  if (JSON.stringify(problems || []) === JSON.stringify(state.problems)) {
    return; // the same problems: the list stays as it is (no redraw under the reader's eyes)
  }
  state.problems = problems || [];
  const list = $("problems");
  list.innerHTML = "";
  for (const p of state.problems) {
    const li = document.createElement("li");
    li.className = p.severity;
    li.tabIndex = 0;
    li.textContent = (p.file || "rule set") + (p.line ? ":" + p.line + (p.column ? ":" + p.column : "") : "") + " " + p.message;
    li.dataset.line = p.line || "";
    const go = async () => {
      const target = (p.file && p.file.endsWith(".drl") ? "rules/" : "scoring-models/") + p.file;
      if (p.file && target !== state.file) await openFile(target);
      if (p.line) editor.goTo(p.line);
    };
    li.onclick = go;
    li.onkeydown = (e) => { if (e.key === "Enter") go(); };
    list.appendChild(li);
  }
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

// ---- try and impact ----------------------------------------------------------------------------------------------------

async function preview() {
  if (!(await saveDraft())) {
    return;
  }
  goTo("view-impact");
  const at = JSON.stringify(stampOf());
  $("impact").dataset.stamp = "";
  $("impact").innerHTML = '<p class="muted">Scoring every stored prospect both ways…</p>';
  const r = await api("POST", "/drafts/" + state.draft + "/impact");
  $("impact").dataset.stamp = at;
  if (r.status !== 200) {
    showProblems(r.data.problems);
    $("impact").innerHTML = '<p class="error">' + escape(r.data.message) + "</p>";
    return;
  }
  const i = r.data;
  const box = $("impact");
  box.innerHTML = '<p id="impact-summary"><b>' + i.changed + "</b> of " + i.prospects + " prospects change; <b>" + i.grade_changed
    + "</b> change grade; <b>" + i.newly_qualified + "</b> newly qualify; <b>" + i.no_longer_qualified + "</b> stop qualifying. ("
    + (i.millis / 1000).toFixed(1) + " s)</p>";
  charts.distribution(box, i.distribution);
  box.insertAdjacentHTML("beforeend", transitions(i.transitions) + largest(i.largest));
  backTest(box, i.back_test);
  markStale();
}

const percent = (r) => (r && r.value !== null && r.value !== undefined ? (r.value * 100).toFixed(0) + "%" : "too few");
const interval = (r) => (r && r.value !== null && r.value !== undefined ? " (" + (r.low * 100).toFixed(0) + "–" + (r.high * 100).toFixed(0) + "%)" : "");
const ratio = (r) => (r ? r.value.toFixed(2) : "–");

/** The live and draft calibrations of the prospects whose outcome is known, side by side. */
function backTest(box, b) {
  if (!b || !b.prospects) {
    box.insertAdjacentHTML("beforeend", '<p class="muted">Back-test: no prospect with a known outcome yet (see Does it work?).</p>');
    return;
  }
  const bands = [...new Set([...b.live.grades, ...b.draft.grades].map((g) => g.band))].sort();
  const of = (report, band) => report.grades.find((g) => g.band === band);
  let html = "<h3>Back-test on " + b.prospects + ' prospects with an outcome</h3><div class="table-wrap"><table id="back-test"><tr><th>win rate</th><th>live</th><th>with change</th></tr>';
  for (const band of bands) {
    const l = of(b.live, band), d = of(b.draft, band);
    html += "<tr><td>grade " + escape(band) + "</td><td>" + (l ? percent(l.win_rate) + " of " + l.prospects : "–") + "</td><td>"
      + (d ? percent(d.win_rate) + " of " + d.prospects : "–") + "</td></tr>";
  }
  html += "<tr><td>AUC</td><td>" + ratio(b.live.auc) + "</td><td>" + ratio(b.draft.auc) + "</td></tr>";
  html += "<tr><td>top-decile lift</td><td>" + ratio(b.live.top_decile_lift) + "</td><td>" + ratio(b.draft.top_decile_lift) + "</td></tr>";
  box.insertAdjacentHTML("beforeend", html + '</table></div><div id="back-test-charts"><h3>Live</h3></div>');
  const chartsBox = $("back-test-charts");
  charts.winRates(chartsBox, b.live.grades, "win-rates-live");
  chartsBox.insertAdjacentHTML("beforeend", "<h3>With the change</h3>");
  charts.winRates(chartsBox, b.draft.grades, "win-rates-draft");
}

/** A decision in the words of the glossary: what the CRM is made to do with the person. */
const DECISIONS = {
  create_lead: "new Lead", update_lead: "update the Lead", create_contact: "new Contact", update_contact: "update the Contact",
  convert_lead: "convert the Lead to a Contact", reject: "reject (spam or test)", none: "nothing",
};
export const decisionLabel = (code) => DECISIONS[code] || String(code).replace(/_/g, " ");
const decisionWords = (code) => escape(decisionLabel(code));

function transitions(matrix) {
  const to = [...new Set(Object.values(matrix).flatMap((row) => Object.keys(row)))].sort();
  let html = '<div class="table-wrap"><table id="transitions"><tr><th>live → change</th>' + to.map((t) => "<th>" + decisionWords(t) + "</th>").join("") + "</tr>";
  for (const from of Object.keys(matrix)) {
    html += "<tr><td>" + decisionWords(from) + "</td>" + to.map((t) => "<td>" + (matrix[from][t] || "") + "</td>").join("") + "</tr>";
  }
  return html + "</table></div>";
}

function largest(changes) {
  let html = '<div class="table-wrap"><table id="largest"><tr><th>prospect</th><th class="nowrap">live</th><th class="nowrap">change</th><th class="wrap">rules</th></tr>';
  for (const c of changes.slice(0, 15)) {
    html += '<tr><td class="wrap">' + escape(c.email) + '</td><td class="nowrap">' + c.live_total + " " + escape(c.live_grade || "")
      + '</td><td class="nowrap">' + c.draft_total + " " + escape(c.draft_grade || "") + '</td><td class="wrap">'
      + c.rules.map((r) => escape(r.rule) + " " + (r.live ?? 0) + "→" + (r.draft ?? 0)).join(", ") + "</td></tr>";
  }
  return html + "</table></div>";
}

async function test(event) {
  event.preventDefault();
  const changed = Object.keys(state.edits).length > 0;
  if (changed && !(await saveDraft())) {
    return;
  }
  const at = JSON.stringify(stampOf());
  const email = $("test-email").value.trim();
  const title = $("test-title").value.trim();
  const company = $("test-company").value.trim();
  const body = title || company ? { prospects: [{ prospect: { email, title: title || null, company: company || null } }] } : { emails: [email] };
  const r = await api("POST", changed ? "/drafts/" + state.draft + "/test" : "/test", body);
  $("test-result").dataset.stamp = at;
  if (r.status !== 200) {
    $("test-result").innerHTML = '<p class="error">' + escape(r.data.message) + "</p>";
    return;
  }
  let html = '<div class="table-wrap"><table id="test-table"><tr><th></th><th>live</th>' + (changed ? "<th>with change</th>" : "") + "</tr>";
  for (const c of r.data) {
    for (const [label, f] of [["fit", (s) => s.score_card.fit], ["engagement", (s) => s.score_card.engagement], ["total", (s) => s.score_card.total],
      ["grade", (s) => s.score_card.grade], ["decision", (s) => decisionLabel(s.decision.action)]]) {
      html += "<tr><td>" + label + "</td><td>" + escape(String(f(c.live) ?? "–")) + "</td>" + (changed ? "<td>" + escape(String(c.draft ? f(c.draft) ?? "–" : "–"))
        + "</td>" : "") + "</tr>";
    }
  }
  $("test-result").innerHTML = html + "</table></div>" + (await timeline(email));
  markStale();
}

/** A stored prospect's score history as a small timeline, newest first. */
async function timeline(email) {
  const h = email ? await read("/prospects/" + encodeURIComponent(email) + "/history?limit=10") : null;
  if (!h || !h.history.length) {
    return "";
  }
  return '<h3>Their score history</h3><ol id="timeline">' + h.history.map((e) => "<li><time>" + escape(e.scored_at.slice(0, 16).replace("T", " ")) + "</time> "
    + (e.total ?? "–") + " " + escape(e.grade || "") + " · " + decisionWords(e.decision) + ' <span class="muted">' + escape(e.source) + "</span>"
    + (e.shadow ? ' <span class="badge">shadow: ' + escape(e.model) + " (would have)</span>" : "") + "</li>").join("")
    + "</ol>";
}

// ---- does it work? -----------------------------------------------------------------------------------------------------

/** One line saying what a figure means, beside it: for people who do not read statistics every day. */
const EXPLAIN = {
  auc: "AUC: the chance that a prospect who became a customer scored higher than one who did not (0.5 is a coin toss, 1 always).",
  lift: "Lift: how much more often prospects became customers when the rule fired than when it did not (1 = no difference).",
  interval: "The range in brackets is where the true rate most likely lies (95%): the fewer prospects, the wider it is.",
};

async function calibrate() {
  const report = await read("/reports/calibration");
  const box = $("calibration");
  if (!report) {
    box.innerHTML = '<p class="error">The report could not be read.</p>';
    return;
  }
  const c = report.calibration;
  let html = "";
  if (!c.with_outcome) {
    // No outcome known: no rate is drawn, as none would mean anything; the way to get outcomes is offered instead.
    html += '<div id="no-outcomes" class="empty"><p><b>No outcomes yet.</b> ' + c.prospects + " prospects were scored, but nothing says yet"
      + " which of them became customers, so there is no win rate to show. Connect Zoho and read what sales did with them:</p>"
      + '<button type="button" id="sync-outcomes">Read outcomes from Zoho</button> <span id="sync-status" role="status"></span></div>';
  } else {
    html += '<p id="calibration-summary">' + c.prospects + " prospects scored; <b>" + c.with_outcome + "</b> with a known outcome, and every rate"
      + " below counts only those. Won: " + percent(c.overall.win_rate) + interval(c.overall.win_rate) + "; AUC " + ratio(c.auc)
      + "; top-tenth lift " + ratio(c.top_decile_lift) + '.</p><ul class="explain"><li>' + EXPLAIN.auc + "</li><li>" + EXPLAIN.lift
      + "</li><li>" + EXPLAIN.interval + "</li></ul>";
  }
  box.innerHTML = html;
  if (c.with_outcome) {
    if (c.grades.some((g) => g.win_rate.value !== null)) {
      charts.winRates(box, c.grades);
    } else {
      box.insertAdjacentHTML("beforeend", '<p class="muted" id="grades-too-few">Too few known outcomes per grade to draw a rate (at least '
        + c.min_prospects + " a grade).</p>");
    }
    let rules = '<h3>Lift per rule</h3><div class="table-wrap"><table id="lifts"><tr><th>rule</th><th>fired (known outcome)</th><th>won when fired</th>'
      + "<th>when not</th><th>lift</th></tr>";
    for (const r of c.rules) {
      rules += '<tr><td class="wrap">' + escape(r.rule) + "</td><td>" + r.fired + " (" + r.fired_with_outcome + ")</td><td>" + percent(r.win_rate_fired)
        + "</td><td>" + percent(r.win_rate_not_fired) + '</td><td class="nowrap">'
        + (r.lift ? r.lift.value.toFixed(2) + " (" + r.lift.low.toFixed(2) + "–" + r.lift.high.toFixed(2) + ")" : "–") + "</td></tr>";
    }
    box.insertAdjacentHTML("beforeend", rules + "</table></div>");
  }
  if (c.adjustments.length) {
    box.insertAdjacentHTML("beforeend", '<h3>The model\'s limits</h3><ul id="adjustments">' + c.adjustments.map((a) => "<li>" + escape(a.name)
      + " changed " + a.applied + " prospect" + (a.applied === 1 ? "" : "s") + "</li>").join("")
      + '</ul><p class="muted">Not rules: a floor raises a score to the model\'s minimum, a cap lowers it to its maximum (the model\'s YAML).</p>');
  }
  box.insertAdjacentHTML("beforeend", "<h3>Qualified per week</h3>");
  if (c.qualified_per_week.length) {
    charts.weekly(box, c.qualified_per_week);
  } else {
    box.insertAdjacentHTML("beforeend", '<p class="muted">No prospect has qualified yet.</p>');
  }
  box.insertAdjacentHTML("beforeend", '<p class="muted" id="capacity-help">' + (c.qualified_per_week.length && c.qualified_per_week[0].capacity
    ? "The dashed line is sales' capacity per week"
    : "Sales' capacity per week is not set, so no line shows how many they can work") + ": set <code>leadscoring.sales-capacity-per-week</code>"
    + " (or LEADSCORING_SALES_CAPACITY_PER_WEEK) and restart.</p>");
  if ($("sync-outcomes")) {
    $("sync-outcomes").onclick = syncOutcomes;
  }
  if (c.with_outcome) {
    box.insertAdjacentHTML("beforeend", '<h3>What points do the outcomes suggest?</h3><button type="button" id="suggest" class="secondary">'
      + "Suggest points from the outcomes</button><div id=\"suggestion\"></div>");
    $("suggest").onclick = suggest;
  }
  for (const x of report.challengers || []) {
    challenger(box, x);
  }
}

/**
 * A challenger in shadow beside its champion on the same prospects: how each ranks them (AUC, top-tenth lift) and how
 * many each qualifies; "Promote" puts the challenger's settings into the champion's model in the change, to publish with a reason.
 */
function challenger(box, x) {
  const a = x.champion_calibration;
  const b = x.challenger_calibration;
  const qualified = (c) => c.qualified_per_week.reduce((n, w) => n + w.qualified, 0);
  const row = (label, f) => "<tr><td>" + label + "</td><td>" + f(a) + "</td><td>" + f(b) + "</td></tr>";
  const id = "promote-" + x.challenger.replace(/[^A-Za-z0-9_-]/g, "_");
  box.insertAdjacentHTML("beforeend", '<section class="challenger" data-challenger="' + escape(x.challenger) + '"><h3>Challenger '
    + escape(x.challenger) + " beside " + escape(x.champion) + "</h3><p>On the same " + x.prospects + " prospects (" + a.with_outcome
    + " with a known outcome). The challenger scores in shadow: nothing it gave went to Zoho.</p>"
    + '<div class="table-wrap"><table class="side-by-side"><tr><th></th><th>' + escape(x.champion) + " (decides)</th><th>" + escape(x.challenger)
    + " (shadow)</th></tr>" + row("AUC", (c) => ratio(c.auc)) + row("Top-tenth lift", (c) => ratio(c.top_decile_lift))
    + row("Qualified", qualified) + "</table></div>"
    + '<button type="button" id="' + id + '" class="secondary">Promote ' + escape(x.challenger) + "</button></section>");
  $(id).onclick = () => promote(x.challenger);
}

/** Promotes a challenger: the model files' change goes into the draft, and publishing it asks for the reason. */
async function promote(name) {
  const names = fileNames((n) => n.startsWith("scoring-models/"));
  const files = {};
  for (const n of names) files[n] = await fileText(n);
  const r = await api("POST", "/promote", { files, challenger: name });
  if (r.status !== 200) {
    status(false, "It cannot be promoted: " + (r.data.fields || []).map((f) => f.message).join("; "));
    return;
  }
  for (const [file, text] of Object.entries(r.data.files)) setFile(file, text);
  $("message").value = r.data.message;
  status(true, "The promotion is in your change: " + Object.keys(r.data.files).map(shortName).join(", ") + ". Publish it with the reason.");
  await publish();
}

/** The points the outcomes suggest per rule, against the current ones, judged on later prospects; "Use these points" puts them in the change. */
async function suggest() {
  const r = await read("/reports/suggested-points");
  const box = $("suggestion");
  if (!r) {
    box.innerHTML = '<p class="error">The suggestion could not be read.</p>';
    return;
  }
  const s = r.suggestion;
  if (s.refused) {
    box.innerHTML = '<p class="muted" id="suggestion-refused">' + escape(s.refused) + ".</p>";
    return;
  }
  const fmt = (v, d = 2) => (v === null || v === undefined ? "–" : Number(v).toFixed(d));
  let html = '<p id="suggestion-summary">Fitted on the ' + s.fitted_on.prospects + " earlier prospects with a known outcome, judged on the later "
    + s.judged_on.prospects + ": AUC " + fmt(s.current.auc) + " → <b>" + fmt(s.suggested.auc) + "</b>, Brier score " + fmt(s.current.brier, 3) + " → <b>"
    + fmt(s.suggested.brier, 3) + "</b> (lower is better), top-tenth lift " + fmt(s.current.top_decile_lift) + " → <b>" + fmt(s.suggested.top_decile_lift)
    + '</b>.</p><div class="table-wrap"><table id="suggestion-table"><tr><th>rule</th><th>points now</th><th>suggested (likely range)</th>'
    + "<th>fired</th><th>won when fired</th></tr>";
  // The rules with a suggestion first, then those with some evidence, then those that never fired in the period.
  const order = (x) => (x.status === "suggested" ? 0 : x.fired > 0 ? 1 : 2);
  for (const x of [...s.rules].sort((a, b) => order(a) - order(b))) {
    const left = x.fired === 0 ? "left as it is: never fired in this period" : "left as it is: too few outcomes to say";
    html += '<tr class="' + x.status + '"><td class="wrap">' + escape(x.rule) + "</td><td>" + x.current + " " + x.axis + "</td><td>"
      + (x.status === "suggested" ? "<b>" + x.suggested + "</b> (" + x.low + " to " + x.high + ")" : left)
      + "</td><td>" + x.fired + "</td><td>" + x.won_when_fired + "</td></tr>";
  }
  box.innerHTML = html + '</table></div><p class="muted">Per axis the suggested points add up to what the current ones do, so the'
    + " thresholds keep their meaning.</p><button type=\"button\" id=\"use-points\">Use these points</button>";
  $("use-points").onclick = async () => {
    const points = Object.fromEntries(s.rules.filter((x) => x.status === "suggested" && x.suggested !== x.current).map((x) => [x.rule, x.suggested]));
    const names = fileNames((n) => n.startsWith("rules/"));
    const files = Object.fromEntries(await Promise.all(names.map(async (n) => [n, await fileText(n)])));
    const w = await api("POST", "/points", { files, points });
    if (w.status !== 200) {
      status(false, "The points could not be written: " + (w.data.message || ""));
      return;
    }
    for (const [name, text] of Object.entries(w.data.files)) setFile(name, text);
    status(true, Object.keys(points).length + " rules' points are in your change (" + Object.keys(w.data.files).map(shortName).join(", ")
      + "): check it, preview its impact and back-test, and publish it as any change.");
    await examplesAfterPoints();
  };
}

/**
 * After new points: the examples that pin the old numbers (fit, engagement, total, grade) are shown with what they score
 * now, to bring up to date with one click; those that would decide otherwise are listed for a person to look at.
 */
async function examplesAfterPoints() {
  const box = $("suggestion");
  const r = await api("POST", "/examples/points", { files: state.edits });
  if (r.status !== 200) {
    return;
  }
  const { updated, left } = r.data;
  let html = "";
  if (updated.length) {
    html += '<div id="examples-pinned"><p>' + updated.length + " example" + (updated.length === 1 ? " pins" : "s pin") + " the old points exactly:</p><ul>"
      + updated.map((u) => "<li>" + escape(u.example) + ": " + Object.entries(u.changed).map(([k, [was, now]]) => escape(k) + " " + escape(String(was))
        + " → " + escape(String(now))).join(", ") + "</li>").join("") + '</ul><button type="button" id="update-examples" class="secondary">'
      + "Update these examples' numbers</button></div>";
  }
  if (left.length) {
    html += '<div id="examples-left"><p>These examples would come out otherwise with the new points — look at them before you publish:</p><ul>'
      + left.map((l) => "<li>" + escape(l.example) + ": " + escape(l.failures.join("; ")) + "</li>").join("") + "</ul>"
      + '<button type="button" id="accept-examples" class="secondary">They are meant: expect what they score now</button></div>';
  }
  box.insertAdjacentHTML("beforeend", html);
  if (updated.length) {
    $("update-examples").onclick = () => {
      for (const [name, text] of Object.entries(r.data.files)) setFile(name, text);
      $("update-examples").disabled = true;
      status(true, updated.length + " examples now expect the new numbers (" + Object.keys(r.data.files).map(shortName).join(", ")
        + "); their decisions are checked as before.");
    };
  }  if (left.length) {
    $("accept-examples").onclick = async () => {
      const a = await api("POST", "/examples/points", { files: state.edits, accept: left.map((l) => l.example) });
      if (a.status !== 200) {
        status(false, "The examples could not be updated: " + (a.data.message || ""));
        return;
      }
      for (const [name, text] of Object.entries(a.data.files)) setFile(name, text);
      $("accept-examples").disabled = true;
      const still = a.data.left.map((l) => l.example);
      status(still.length === 0, still.length ? "Still failing (a rule they expect fired otherwise; edit them in the model file): " + still.join(", ")
        : left.length + " examples now expect what they score with the new points.");
    };
  }
}

/** Starts an outcome sync from Zoho and shows the report again when it is done. */
async function syncOutcomes() {
  $("sync-outcomes").disabled = true;
  const started = await read("/outcomes/sync", { method: "POST", body: "{}" });
  if (started.error) {
    $("sync-status").textContent = started.message || "The sync could not start.";
    $("sync-outcomes").disabled = false;
    return;
  }
  $("sync-status").textContent = "Reading outcomes from Zoho…";
  for (let i = 0; i < 600; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    const s = await read("/outcomes/syncs/" + started.id);
    if (s && s.state !== "running") {
      $("sync-status").textContent = s.state === "completed" ? "Done: " + (s.leads + s.contacts) + " records read." : "The sync stopped: " + (s.message || s.state);
      if (s.state === "completed") await calibrate();
      return;
    }
  }
}

// ---- publish and history -----------------------------------------------------------------------------------------------

async function publish() {
  if (!(await check())) {
    return;
  }
  const files = Object.keys(state.edits).map(shortName);
  const message = await confirmAction({
    title: "Publish your change?",
    html: "<p>" + files.length + " file" + (files.length === 1 ? "" : "s") + " changed: " + files.map(escape).join(", ") + ". The change passed"
      + " its check and its examples. Once published it scores every new prospect at once, on every instance; you can roll it back from"
      + " History.</p>",
    confirm: "Publish",
    reason: $("message").value.trim(),
    reasonLabel: "Why the rules change (shown in the history)",
  });
  if (message === null) {
    status(true, "Not published: your change is kept as it is.");
    return;
  }
  $("message").value = message;
  const r = await api("POST", "/drafts/" + state.draft + "/publish", { message });
  if (r.status !== 201) {
    showProblems(r.data.problems);
    status(false, r.data.message);
    return;
  }
  status(true, "Published as version " + r.data.number + ": live now.");
  await afterChange();
}

async function rollback(number, message) {
  const reason = await confirmAction({
    title: "Roll back to version " + number + "?",
    html: "<p>The rules of version " + number + " (<i>" + escape(message) + "</i>) become live again at once, as a new version; the"
      + " version live now stays in the history and can be brought back the same way.</p>",
    confirm: "Roll back",
    reasonLabel: "Why roll back (shown in the history)",
  });
  if (reason === null) {
    return;
  }
  const r = await api("POST", "/versions/" + number + "/rollback", { message: reason });
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
    editor.open(await fileText(state.file), state.file);
  }
}

async function loadVersions() {
  const r = await api("GET", "/versions");
  const list = $("versions");
  list.innerHTML = "";
  const live = r.data.find((v) => v.live);
  $("live-version").textContent = live ? "Live: version " + live.number + " — " + live.message : "Live: the rules on disk (no version published yet)";
  for (const v of r.data) {
    const li = document.createElement("li");
    li.dataset.number = v.number;
    li.classList.toggle("live", v.live);
    li.innerHTML = "<b>Version " + v.number + "</b>" + (v.live ? ' <span class="badge">live</span>' : "") + " " + escape(v.message)
      + "<small>" + escape(v.author) + ", " + new Date(v.created_at).toLocaleString() + (v.restored_from ? " · the rules of version " + v.restored_from : "")
      + "</small>";
    if (v.number > 1) {
      const diff = document.createElement("button");
      diff.type = "button";
      diff.textContent = "what changed";
      diff.className = "diff secondary";
      diff.onclick = () => showChanges(v.number - 1, v.number);
      li.appendChild(diff);
    }
    if (!v.live) {
      // Rolling back to the rules that are live would change nothing: it is offered on the others only.
      const back = document.createElement("button");
      back.type = "button";
      back.textContent = "roll back to this";
      back.className = "rollback secondary";
      back.onclick = () => rollback(v.number, v.message);
      back.disabled = !may("publisher");
      if (back.disabled) back.title = "Rolling back needs the publisher role";
      li.appendChild(back);
    }
    list.appendChild(li);
  }
}

/** One change in words, as ops read it. */
function changeWords(c) {
  const rule = "<b>" + escape(c.rule || "") + "</b>";
  switch (c.kind) {
    case "added": return "Rule " + rule + " added" + (c.after ? " (" + escape(c.after) + ")" : "");
    case "removed": return "Rule " + rule + " removed" + (c.before ? " (was " + escape(c.before) + ")" : "");
    case "points": return "Rule " + rule + ": points " + escape(c.before || "none") + " → " + escape(c.after || "none");
    case "routing": return "Rule " + rule + ": routes to " + escape(c.before) + " → " + escape(c.after);
    case "reason": return "Rule " + rule + ": its reason now reads “" + escape(c.after || "") + "”";
    case "conditions": return "Rule " + rule + ": its conditions changed";
    case "file_added": return "File added";
    case "file_removed": return "File removed";
    default: return "Changed (see the raw diff)";
  }
}

async function showChanges(from, to) {
  const r = await api("GET", "/versions/" + from + "/changes/" + to);
  const byFile = new Map();
  for (const c of r.data || []) {
    if (!byFile.has(c.file)) byFile.set(c.file, []);
    byFile.get(c.file).push(c);
  }
  let html = "<h3>Version " + from + " → version " + to + "</h3>";
  html += byFile.size === 0 ? "<p>No difference.</p>" : [...byFile].map(([file, changes]) => "<h4>" + escape(shortName(file)) + '</h4><ul class="change-list">'
    + changes.map((c) => '<li class="' + c.kind + '">' + changeWords(c) + "</li>").join("") + "</ul>").join("");
  $("changes").innerHTML = html;
  $("raw-diff").hidden = false;
  $("raw-diff").open = false;
  $("raw-diff").ontoggle = async () => {
    if (!$("raw-diff").open) return;
    const d = await api("GET", "/versions/" + from + "/diff/" + to);
    $("diff").innerHTML = escape(d.data || "No difference.").split("\n").map((l) => l.startsWith("+") ? '<span class="add">' + l + "</span>"
      : l.startsWith("-") ? '<span class="del">' + l + "</span>" : l).join("\n");
  };
}

// ---- wiring ---------------------------------------------------------------------------------------------------------

$("key-form").onsubmit = (e) => { e.preventDefault(); signIn($("admin-key").value.trim()); };
$("sign-out").onclick = leave;
$("check").onclick = check;
$("preview").onclick = preview;
$("publish").onclick = publish;
$("test-form").onsubmit = test;
$("calibrate").onclick = calibrate;
for (const tab of document.querySelectorAll("#views [role=tab]")) {
  tab.onclick = () => showView(tab);
  tab.onkeydown = (e) => {
    const tabs = [...document.querySelectorAll("#views [role=tab]")];
    const k = tabs.indexOf(tab) + (e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0);
    if (k !== tabs.indexOf(tab)) {
      const next = tabs[(k + tabs.length) % tabs.length];
      next.focus();
      showView(next);
    }
  };
}
$("company-sign-in").hidden = document.body.dataset.signIn !== "on";
signIn(state.key).catch(() => signOut("The service could not be reached: reload the page to try again."));
