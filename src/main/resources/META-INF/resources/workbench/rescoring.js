// The re-scoring view: the latest runs with their progress (scanned of total, credits, state), and starting one from
// the page — a dry run first, which says what a real run would change without writing to Zoho.

import { escape, may, read } from "./workbench.js";

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
  const running = runs.some((r) => r.state === "running");
  clearTimeout(timer);
  if (running && !$("view-rescoring").hidden) timer = setTimeout(refresh, 1000);
}

async function start(dryRun) {
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
      + '<p id="rescoring-status" role="status" aria-live="polite"></p><h3>Latest runs</h3><div id="rescoring-runs"></div>';
    $("rescore-dry").onclick = () => start(true);
    $("rescore-real").onclick = () => start(false);
    $("rescore-real").disabled = !may("publisher");
    if (!may("publisher")) $("rescore-real").title = "A run that writes to Zoho needs the publisher role";
  }
  await refresh();
}
