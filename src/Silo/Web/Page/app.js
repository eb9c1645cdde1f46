// The OrleansProc jobs page: polls the silo's JSON API (api/overview, api/jobs/ID) about every second and draws
// the silos, the jobs and the selected job (#/jobs/ID): progress, partitions, and its result once it ends.
"use strict";

const pollMillis = 1000;
const view = { selected: null, finalShown: null };

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined) node.setAttribute(key, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  }
  return node;
}

function field(root, name) { return root.querySelector(`[data-field="${name}"]`); }

function number(value) { return Math.round(value).toLocaleString("en-US"); }

function bytes(value) {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit++; }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

function seconds(value) {
  if (value === null || value === undefined) return "";
  return value < 60 ? `${value.toFixed(1)} s` : `${Math.floor(value / 60)} min ${Math.round(value % 60)} s`;
}

function percent(share) { return `${Math.floor(share * 100)}%`; }

function bar(share) {
  const inner = el("div");
  inner.style.width = percent(share);
  return el("div", { class: "bar" }, inner);
}

function state(text, name) { return el("span", { class: `state ${text}`, "data-field": name }, text); }

function replaceRows(tbody, rows) { tbody.replaceChildren(...rows); }

function drawSilos(silos) {
  replaceRows(document.querySelector("#silos tbody"), silos.map(s => el("tr", { "data-silo": s.name },
    el("td", { title: s.address }, s.name),
    el("td", {}, state(s.status)),
    el("td", {}, bar(s.slots > 0 ? Math.min(1, s.partitionsRunning / s.slots) : 0), `${s.partitionsRunning} / ${s.slots}`),
    el("td", { class: "num" }, number(s.partitionsCompleted)),
    el("td", { class: "num" }, number(s.rowsRead)),
    el("td", { class: "num" }, bytes(s.bytesRead)))));
}

function drawJobs(jobs) {
  const rows = jobs.map(j => {
    const row = el("tr", { "data-job-id": j.id, class: j.id === view.selected ? "selected" : null },
      el("td", {}, el("a", { href: `#/jobs/${encodeURIComponent(j.id)}` }, j.id)),
      el("td", { class: "description", title: j.description }, j.description.length > 80 ? j.description.slice(0, 77) + "..." : j.description),
      el("td", {}, state(j.state, "state")),
      el("td", { "data-field": "progress" }, bar(j.progress), percent(j.progress)),
      el("td", { class: "num" }, `${j.partitionsDone} / ${j.partitionsTotal}` + (j.partitionsRunning > 0 ? ` (${j.partitionsRunning} running)` : "")),
      el("td", { class: "num" }, number(j.rowsPerSecond)),
      el("td", { class: "num" }, (j.bytesPerSecond / 1048576).toFixed(1)),
      el("td", { class: "num" }, seconds(j.elapsedSeconds)));
    row.addEventListener("click", () => { location.hash = `#/jobs/${encodeURIComponent(j.id)}`; });
    return row;
  });
  replaceRows(document.querySelector("#jobs tbody"), rows);
  document.querySelector("#jobs .empty").hidden = jobs.length > 0;
}

function drawJob(detail) {
  const root = document.querySelector("#job");
  const j = detail.job;
  root.hidden = false;
  field(root, "id").textContent = j.id;
  field(root, "state").textContent = j.state;
  field(root, "state").className = `state ${j.state}`;
  field(root, "description").textContent = j.description;
  field(root, "bar").style.width = percent(j.progress);
  field(root, "progress").textContent = percent(j.progress);
  field(root, "partitions").textContent = `${j.partitionsDone} of ${j.partitionsTotal} done, ${j.partitionsRunning} running, ${j.partitionRetries} retried`;
  field(root, "rows").textContent = number(j.rowsRead);
  field(root, "bytes").textContent = `${bytes(j.bytesRead)} of ${bytes(j.bytesTotal)}`;
  field(root, "throughput").textContent = `${number(j.rowsPerSecond)} rows/s, ${(j.bytesPerSecond / 1048576).toFixed(1)} MB/s`;
  field(root, "elapsed").textContent = seconds(j.elapsedSeconds);
  field(root, "bad").textContent = number(j.badRecords);
  const error = field(root, "error");
  error.hidden = !j.error;
  error.textContent = j.error ? `error: ${j.error}` : "";

  replaceRows(root.querySelector("#partitions tbody"), detail.partitions.map(p => el("tr", { "data-partition": p.index },
    el("td", { class: "num" }, p.index),
    el("td", {}, state(p.status)),
    el("td", {}, p.silo),
    el("td", { class: "num" }, p.attempt),
    el("td", { class: "num" }, p.failures),
    el("td", { class: "num" }, number(p.rows)),
    el("td", { class: "num" }, bytes(p.bytes)),
    el("td", { class: "num" }, seconds(p.seconds)),
    el("td", { class: "source", title: p.error || "" }, p.source))));

  const result = root.querySelector("#result");
  const bad = root.querySelector("#bad-records");
  const r = detail.result;
  result.hidden = !r;
  bad.hidden = !r || r.badRecordSamples.length === 0;
  if (r) {
    const numeric = r.columns.map(c => c.type === "BIGINT" || c.type === "DOUBLE");
    result.querySelector("thead").replaceChildren(el("tr", {}, ...r.columns.map((c, i) => el("th", { class: numeric[i] ? "num" : null, title: c.type }, c.name))));
    replaceRows(result.querySelector("tbody"), r.rows.map(row => el("tr", {}, ...row.map((cell, i) => el("td", { class: numeric[i] ? "num" : null }, cell === null ? "NULL" : cell)))));
    field(result, "result-summary").textContent =
      `(${number(r.totalRows)} rows${r.truncated ? `, first ${r.rows.length} shown` : ""}${r.outputDataset ? `, written to dataset ${r.outputDataset}` : ""}, ${seconds(r.elapsedSeconds)})`;
    bad.querySelector("ul").replaceChildren(...r.badRecordSamples.map(s => el("li", {}, s)));
  }
}

async function getJson(path) {
  const response = await fetch(path, { cache: "no-store" });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `${path}: HTTP ${response.status}`);
  return body;
}

async function poll() {
  const problem = document.querySelector("#problem");
  try {
    const overview = await getJson("api/overview");
    document.querySelector("#served-by").textContent = `served by ${overview.servedBy}`;
    drawSilos(overview.silos);
    drawJobs(overview.jobs);
    const selected = view.selected;
    if (selected && view.finalShown !== selected) {
      const detail = await getJson(`api/jobs/${encodeURIComponent(selected)}`);
      if (selected === view.selected) {
        drawJob(detail);
        // A finished job changes no more once its result (if any) is shown: stop asking for it.
        if (detail.job.finished && (detail.job.state !== "Completed" || detail.result)) view.finalShown = selected;
      }
    }
    problem.hidden = true;
  } catch (error) {
    problem.textContent = `error: ${error.message}`;
    problem.hidden = false;
  } finally {
    setTimeout(poll, pollMillis);
  }
}

function route() {
  const match = location.hash.match(/^#\/jobs\/(.+)$/);
  view.selected = match ? decodeURIComponent(match[1]) : null;
  view.finalShown = null;
  document.querySelector("#job").hidden = true;
  for (const row of document.querySelectorAll("#jobs tr[data-job-id]")) {
    row.classList.toggle("selected", row.dataset.jobId === view.selected);
  }
}

window.addEventListener("hashchange", route);
route();
poll();
