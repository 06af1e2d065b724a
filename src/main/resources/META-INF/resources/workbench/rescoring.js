// The re-scoring view: the latest runs with their progress (scanned of total, credits, state), and starting one from
// the page — a dry run first, which says what a real run would change without writing to Zoho.

import { confirmAction, escape, may, read } from "./workbench.js";

const $ = (id) => document.getElementById(id);
let timer = null;

function row(r) {
  const total = r.total ?? r.candidates;
  const progress = total ? '<progress class="progress" max="' + total + '" value="' + Math.min(r.scanned, total) + '">'
    + r.scanned + " of " + total + "</progress> " : "";
  return '<tr data-run="' + escape(r.id) + '"><td class="nowrap">' + escape((r.started_at || "").slice(0, 16).replace("T", " ")) + '</td><td class="wrap">'
    + escape(r.state) + (r.dry_run ? " (dry run)" : "") + '</td><td class="nowrap">' + progress + r.scanned + (total ? " of " + total : "")
    + "</td><td>" + r.changed + "</td><td>" + r.converted + "</td><td>" + r.failed + "</td><td>" + r.credits + '</td><td class="wrap">'
    + escape(r.mode || "") + (r.mode_reason ? ": " + escape(r.mode_reason) : "") + (r.message ? " · " + escape(r.message) : "") + "</td></tr>";
}

async function refresh() {
  const runs = await read("/rescoring/runs");
  const box = $("rescoring-runs");
  if (!runs) {
    box.innerHTML = '<p class="error">The runs could not be read.</p>';
    return;
  }
  box.innerHTML = runs.length === 0 ? '<p class="muted">No run yet.</p>'
    : '<div class="table-wrap"><table id="runs"><tr><th>started</th><th class="wrap">state</th><th>scanned</th><th>changed</th><th>converted</th>'
      + '<th>failed</th><th>credits</th><th class="wrap">what</th></tr>' + runs.slice(0, 20).map(row).join("") + "</table></div>";
  await showDryRun(runs.find((r) => r.dry_run && r.state === "completed"));
  const running = runs.some((r) => r.state === "running");
  clearTimeout(timer);
  if (running && !$("view-rescoring").hidden) timer = setTimeout(refresh, 1000);
}

/** A spreadsheet cell that no spreadsheet runs as a formula (OWASP's CSV injection guidance), quoted. */
const cell = (v) => {
  const text = String(v ?? "");
  return '"' + (/^[=+\-@\t\r]/.test(text) ? "'" + text : text).replace(/"/g, '""') + '"';
};

/** The Leads the latest dry run says a real run would change or convert, listed and offered as CSV. */
async function showDryRun(dry) {
  const box = $("dry-run-leads");
  if (!dry) {
    box.innerHTML = "";
    return;
  }
  const detail = await read("/rescoring/runs/" + dry.id);
  const would = (detail && detail.would) || [];
  const what = (l) => (l.outcome === "would_convert" ? "would be converted to a Contact" : "score would change");
  box.innerHTML = "<h3>What the latest dry run found</h3>" + (would.length === 0 ? '<p class="muted">No Lead would change.</p>'
    : '<div class="table-wrap"><table id="dry-run-table"><tr><th>Lead</th><th>score now</th><th>score after</th><th>what</th></tr>'
      + would.slice(0, 100).map((l) => '<tr><td class="wrap">' + escape(l.email || l.lead_id) + "</td><td>" + (l.old_score ?? "–") + "</td><td>"
        + (l.new_score ?? "–") + "</td><td>" + what(l) + "</td></tr>").join("") + "</table></div>"
      + (would.length > 100 ? '<p class="muted">The first 100 of ' + would.length + "; the CSV has them all.</p>" : "")
      + '<button type="button" id="dry-run-csv" class="secondary">Download as CSV</button>');
  if ($("dry-run-csv")) {
    $("dry-run-csv").onclick = () => {
      const rows = [["lead_id", "email", "score_now", "score_after", "what"].map(cell).join(",")]
        .concat(would.map((l) => [l.lead_id, l.email, l.old_score, l.new_score, what(l)].map(cell).join(",")));
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([rows.join("\r\n") + "\r\n"], { type: "text/csv" }));
      a.download = "dry-run-" + dry.id + ".csv";
      document.body.appendChild(a);
      a.click();
      a.remove();
    };
  }
}

/** A run that writes to Zoho is confirmed first, with what the latest dry run found offered before it. */
async function confirmWriting() {
  const runs = (await read("/rescoring/runs")) || [];
  const dry = runs.find((r) => r.dry_run && r.state === "completed");
  const found = dry
    ? "<p>The latest dry run (" + escape(new Date(dry.started_at).toLocaleString()) + ") found <b>" + dry.changed + "</b> Leads whose score would"
      + " change and <b>" + dry.converted + "</b> to convert to Contacts, of " + dry.scanned + " read.</p>"
    : "<p><b>No dry run yet.</b> Start a dry run first to see which Leads would change, without writing anything.</p>";
  return confirmAction({
    title: "Write the new scores to Zoho?",
    html: found + "<p>This run updates the Leads' score fields in Zoho and converts those that now qualify: Zoho keeps no undo.</p>",
    confirm: "Write to Zoho",
    reasonLabel: null,
  });
}

async function start(dryRun) {
  if (!dryRun && (await confirmWriting()) === null) {
    $("rescoring-status").className = "ok";
    $("rescoring-status").textContent = "Nothing was started.";
    return;
  }
  const r = await read("/rescoring/runs", { method: "POST", body: JSON.stringify({ dry_run: dryRun, full: $("rescore-full").checked }) });
  $("rescoring-status").className = r.error ? "bad" : "ok";
  $("rescoring-status").textContent = r.error ? r.message || "The run could not be started." : (dryRun ? "Dry run " : "Run ") + r.id + " started.";
  await refresh();
}

export async function show() {
  if (!$("rescoring-runs")) {
    $("rescoring").innerHTML = '<p>Open Leads in Zoho are re-scored every night as engagement fades and rules change. Start a run now: '
      + "a <b>dry run</b> first says what would change, without writing anything to Zoho.</p>"
      + '<div class="form-row"><div><label><input type="checkbox" id="rescore-full"> every open Lead (a full run), not only those '
      + 'changed or decaying</label></div><button type="button" id="rescore-dry">Start a dry run</button>'
      + '<button type="button" id="rescore-real" class="secondary">Start a run that writes to Zoho</button></div>'
      + '<p id="rescoring-status" role="status" aria-live="polite"></p><h3>Latest runs</h3><div id="rescoring-runs"></div>'
      + '<div id="dry-run-leads"></div>';
    $("rescore-dry").onclick = () => start(true);
    $("rescore-real").onclick = () => start(false);
    $("rescore-real").disabled = !may("publisher");
    if (!may("publisher")) $("rescore-real").title = "A run that writes to Zoho needs the publisher role";
  }
  await refresh();
}
