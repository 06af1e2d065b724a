// Point tables: spreadsheets of "field, value → points" kept as CSV files beside the rule files. Upload a CSV or an
// XLSX (each sheet becomes a table; the service converts it), download either, and see the table with its row numbers.
// A table goes into the draft like any file: the same check (problems at row and column), try, impact and publish.

import { api, credentials, escape, fileNames, fileText, setFile, state, status, openFile } from "./workbench.js";
import { modelFiles } from "./model.js";

const $ = (id) => document.getElementById(id);

const isTable = (name) => name.startsWith("rules/") && name.endsWith(".csv");

const tableNames = () => fileNames(isTable).sort();

function folders() {
  return [...new Set(fileNames((n) => n.startsWith("rules/")).map((n) => n.slice("rules/".length, n.lastIndexOf("/"))))].filter(Boolean).sort();
}

const safeName = (s) => s.replace(/\.[^.]+$/, "").toLowerCase().replace(/[^a-z0-9_-]+/g, "-").replace(/^-+|-+$/g, "") || "points";

/** Whether a model's rules patterns already take the file (a pattern like b2b/*.csv, or its path). */
function taken(modelText, path) {
  const section = /^rules:\s*\n((?:[ \t]+-.*\n?|[ \t]*#.*\n?|\s*\n)*)/m.exec(modelText);
  if (!section) return false;
  return section[1].split("\n").map((l) => l.replace(/^\s*-\s*/, "").replace(/#.*$/, "").trim().replace(/^["']|["']$/g, "")).filter(Boolean)
    .some((p) => new RegExp("^" + p.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*\*/g, "§").replace(/\*/g, "[^/]*").replace(/§/g, ".*") + "$").test(path));
}

/** The model's YAML with the point table added to its rules list, unless a pattern takes it already. */
async function useIn(model, path) {
  const text = await fileText(model);
  if (taken(text, path)) return;
  const next = text.replace(/^rules:[ \t]*\n/m, (m) => m + "  - " + path + "\n");
  if (next !== text) setFile(model, next);
}

async function put(folder, name, csv, model) {
  const file = "rules/" + folder + "/" + name + ".csv";
  setFile(file, csv);
  if (model) await useIn(model, folder + "/" + name + ".csv");
  return file;
}

async function upload(event) {
  event.preventDefault();
  const input = $("table-file");
  const file = input.files[0];
  if (!file) return;
  const folder = $("table-folder").value;
  const model = $("table-model").value;
  const problems = $("table-problems");
  problems.innerHTML = "";
  const added = [];
  if (/\.xlsx$/i.test(file.name)) {
    const r = await api("POST", "/point-tables/from-xlsx", await file.arrayBuffer(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    if (r.status !== 200 || r.data.problems.length) {
      const list = r.status === 200 ? r.data.problems : [{ message: r.data.message || "The workbook could not be read." }];
      problems.innerHTML = list.map((p) => "<li>" + escape([p.sheet && "sheet " + p.sheet, p.row && "row " + p.row, p.column && "column " + p.column]
        .filter(Boolean).join(", ") + (p.sheet || p.row ? ": " : "") + p.message) + "</li>").join("");
      status(false, "The workbook was not taken: see its problems.");
      return;
    }
    const base = safeName(file.name);
    for (const sheet of r.data.sheets) {
      const name = r.data.sheets.length === 1 ? base : base + "-" + safeName(sheet.sheet);
      added.push(await put(folder, name, sheet.csv, model));
    }
  } else {
    added.push(await put(folder, safeName(file.name), await file.text(), model));
  }
  input.value = "";
  status(true, "In your change: " + added.join(", ") + ". Check it to see any row the rules cannot take.");
  await show();
}

async function download(name, as) {
  const csv = await fileText(name);
  const stem = name.slice(name.lastIndexOf("/") + 1).replace(/\.csv$/, "");
  // Both come from the service: the XLSX as a workbook, the CSV with every cell a spreadsheet would run as a formula made inert.
  const response = await fetch("/api/workbench/point-tables/to-" + as, {
    method: "POST",
    headers: credentials(),
    body: JSON.stringify({ name: stem, csv }),
  });
  const blob = await response.blob();
  const a = document.createElement("a");
  a.href = URL.createObjectURL(blob);
  a.download = stem + "." + as;
  document.body.appendChild(a);
  a.click();
  a.remove();
}

/** A table's first rows as HTML, with the row numbers its problems name. */
function preview(csv) {
  const rows = csv.split(/\r?\n/).filter((l) => l.trim() !== "").slice(0, 30);
  const cells = (line) => line.match(/("([^"]|"")*"|[^,]*)(,|$)/g).slice(0, -1).map((c) => c.replace(/,$/, "").replace(/^"|"$/g, "").replace(/""/g, '"'));
  return '<div class="table-wrap"><table class="point-table"><tr><th>row</th>' + cells(rows[0] || "").map((h) => "<th>" + escape(h) + "</th>").join("")
    + "</tr>" + rows.slice(1).map((l, k) => "<tr><td>" + (k + 2) + "</td>" + cells(l).map((c) => '<td class="wrap">' + escape(c) + "</td>").join("") + "</tr>").join("")
    + "</table></div>";
}

export async function show() {
  if (!$("table-form")) {
    $("tables").innerHTML = '<p>A point table gives points per value of one field — titles, industries, countries — one row per rule: '
      + "columns <code>axis</code> (fit or engagement), <code>field</code>, <code>test</code> (is, is one of, contains, at least, at most), "
      + "<code>value</code>, <code>points</code>, and optionally <code>reason</code>, <code>rule</code>, <code>max</code>, <code>days</code> "
      + "(for <code>activity</code> rows). It is checked, tried and published like any rule file.</p>"
      + '<form id="table-form"><div class="form-row"><div><label for="table-file">CSV or XLSX file</label>'
      + '<input id="table-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"></div>'
      + '<div><label for="table-folder">Rules folder</label><select id="table-folder"></select></div>'
      + '<div><label for="table-model">Used by the model</label><select id="table-model"></select></div>'
      + '<button type="submit" id="table-upload">Put in my change</button></div></form><ul id="table-problems" class="error"></ul>'
      + '<div id="table-list"></div>';
    $("table-form").onsubmit = upload;
  }
  $("table-folder").innerHTML = folders().map((f) => '<option value="' + escape(f) + '">' + escape(f) + "</option>").join("");
  $("table-model").innerHTML = '<option value="">none (add it to a model yourself)</option>'
    + modelFiles().map((m) => '<option value="' + escape(m) + '" selected>' + escape(m.replace(/^scoring-models\//, "")) + "</option>").join("");
  const names = tableNames();
  const list = $("table-list");
  if (!names.length) {
    list.innerHTML = '<p class="muted">No point table yet.</p>';
    return;
  }
  let html = "";
  for (const name of names) {
    html += '<section class="point-table-file" data-name="' + escape(name) + '"><h3>' + escape(name.replace(/^rules\//, "")) + (name in state.edits ? " •" : "")
      + '</h3><button type="button" class="secondary t-csv">Download CSV</button> <button type="button" class="secondary t-xlsx">Download XLSX</button> '
      + '<button type="button" class="secondary t-edit">Edit as text</button>' + preview(await fileText(name)) + "</section>";
  }
  list.innerHTML = html;
  for (const section of list.querySelectorAll(".point-table-file")) {
    const name = section.dataset.name;
    section.querySelector(".t-csv").onclick = () => download(name, "csv");
    section.querySelector(".t-xlsx").onclick = () => download(name, "xlsx");
    section.querySelector(".t-edit").onclick = () => openFile(name);
  }
}
