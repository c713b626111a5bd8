/**
 * The HTML report's client script. `clientMain` runs in the browser: render.ts inlines its source
 * (`clientMain.toString()`), so it must not use anything outside its own body. It is written in
 * TypeScript for the compiler's checks; the DOM is typed loosely here because the package compiles
 * without the DOM library.
 */

/* eslint-disable @typescript-eslint/no-explicit-any */
declare const document: any;
declare const window: any;
declare const performance: any;
declare const IntersectionObserver: any;

/** Renders the report page from the JSON in #memoscope-data: summary is static, cards render in batches as they scroll into view. */
export function clientMain(): void {
  const data = JSON.parse(document.getElementById("memoscope-data").textContent);
  const files: Array<{ path: string; found: boolean; lines: Record<string, string> }> = data.files;
  const all: any[] = data.closures;
  const FIRST = 60;
  const BATCH = 150;

  const esc = (value: unknown): string =>
    String(value).replace(/[&<>"']/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : "&#39;"));
  const worst = (c: any): string => {
    const severities = c.diagnostics.map((d: any) => d.severity);
    if (severities.includes("error")) return "error";
    if (severities.includes("warning")) return "warning";
    if (severities.includes("info")) return "info";
    return c.memoized ? "memo" : "";
  };
  // Findings first (errors and warnings, then info), then the other memoized functions, then the rest; each by file and line.
  const rank: Record<string, number> = { error: 0, warning: 0, info: 1, memo: 2, "": 3 };
  for (const c of all) {
    c.worst = worst(c);
    c.path = files[c.file].path;
    c.search = `${c.name}\u0000${c.path}`.toLowerCase();
  }
  all.sort((a, b) => rank[a.worst] - rank[b.worst] || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.loc.line - b.loc.line || a.loc.column - b.loc.column);

  const memoText = (m: any): string => {
    const parts = ["@memoize"];
    if (m.max !== undefined) parts.push(`max=${m.max}`);
    if (m.ttlMs !== undefined) parts.push(`ttl=${m.ttlMs}ms`);
    if (m.key && m.key !== "identity") parts.push(`key=${m.key}`);
    if (m.weak) parts.push("weak");
    return parts.join(" ");
  };

  // Captured names marked where they appear on a line (not after a `.`: that is a property of the same name).
  const marked = (line: string, names: Map<string, string>): string => {
    let out = "";
    let last = 0;
    const word = /[A-Za-z_$\u00c0-\uffff][\w$\u00c0-\uffff]*/g;
    let m: any;
    while ((m = word.exec(line)) !== null) {
      const title = names.get(m[0]);
      if (title === undefined) continue;
      const before = line.slice(0, m.index).trimEnd();
      if (before.endsWith(".") && !before.endsWith("...")) continue;
      out += `${esc(line.slice(last, m.index))}<mark class="cap" title="${esc(title)}">${esc(m[0])}</mark>`;
      last = m.index + m[0].length;
    }
    return out + esc(line.slice(last));
  };

  const captureTitle = (k: any): string => {
    const flags = [k.binding, k.scope === "module" ? "module scope" : `declared in ${k.scope.name}`];
    if (k.reassigned) flags.push("reassigned");
    if (k.writtenHere) flags.push("written here");
    if (k.via === "nested") flags.push("via a nested function");
    return `${k.name}: ${flags.join(", ")}`;
  };

  const source = (c: any): string => {
    const file = files[c.file];
    if (!file.found) return `<p class="nosrc">source not found (${esc(file.path)} could not be read from the root when this page was made)</p>`;
    const names = new Map<string, string>();
    for (const k of c.captures) names.set(k.name, captureTitle(k));
    const hits = new Set<number>(c.diagnostics.map((d: any) => d.at.line));
    let html = "";
    for (let n = c.loc.line; n <= c.end; n++) {
      const text = file.lines[n];
      if (text === undefined) continue;
      html += `<span class="l${hits.has(n) ? " hit" : ""}"><span class="n">${n}</span>${marked(text, names)}</span>`;
    }
    if (c.more > 0) html += `<span class="l muted"><span class="n"></span>… ${c.more} more line${c.more === 1 ? "" : "s"}</span>`;
    return `<pre class="src">${html}</pre>`;
  };

  // An MS105 chain: steps are objects like {name, file, line, what} (or plain strings); unknown fields are shown, not dropped.
  const step = (s: any): string => {
    if (s === null || typeof s !== "object") return `<li>${esc(s)}</li>`;
    const name = s.name ?? s.function ?? s.callee ?? s.id ?? "";
    const line = s.line ?? s.loc?.line ?? s.at?.line;
    const where = s.file !== undefined ? `${s.file}${line !== undefined ? `:${line}` : ""}` : line !== undefined ? `line ${line}` : "";
    const what = s.what ?? s.reason ?? s.kind ?? "";
    const known = new Set(["name", "function", "callee", "id", "file", "line", "column", "loc", "at", "what", "reason", "kind"]);
    const extra = Object.keys(s)
      .filter((k) => !known.has(k))
      .map((k) => `${k}: ${typeof s[k] === "object" ? JSON.stringify(s[k]) : s[k]}`);
    return `<li><b>${esc(name)}</b>${where ? ` <span class="muted mono">(${esc(where)})</span>` : ""}${what ? `<span class="what">${esc(what)}</span>` : ""}${extra.length ? ` <span class="muted">${esc(extra.join(", "))}</span>` : ""}</li>`;
  };

  const diagnostics = (c: any): string =>
    c.diagnostics
      .map((d: any) => {
        const chain = Array.isArray(d.chain) && d.chain.length ? `<ol class="chain" aria-label="call chain">${d.chain.map(step).join("")}</ol>` : "";
        return `<div class="diag"><span class="tag ${esc(d.severity)}">${esc(d.code)}</span><span class="msg">${esc(d.message)}</span> <span class="muted mono">${esc(c.path)}:${d.at.line}:${d.at.column + 1}</span>${chain}</div>`;
      })
      .join("");

  const captures = (c: any): string => {
    const file = files[c.file];
    let html = "";
    if (c.captures.length) {
      html += `<table class="caps"><thead><tr><th>captures</th><th>binding</th><th>declared</th><th>reassigned</th><th>written here</th><th>via</th></tr></thead><tbody>`;
      for (const k of c.captures) {
        const scope = k.scope === "module" ? "module" : `${k.scope.name} (line ${k.scope.line})`;
        const declLine = file.lines[k.declared.line];
        const decl = declLine !== undefined ? `<div class="mono muted">${marked(declLine.trim(), new Map([[k.name, captureTitle(k)]]))}</div>` : "";
        html += `<tr><td class="mono">${esc(k.name)}</td><td>${esc(k.binding)}</td><td>${esc(scope)}, line ${k.declared.line}:${k.declared.column + 1}${decl}</td><td${k.reassigned ? ' class="yes">yes' : ">no"}</td><td${k.writtenHere ? ' class="yes">yes' : ">no"}</td><td>${esc(k.via)}</td></tr>`;
      }
      html += "</tbody></table>";
    } else html += `<p class="muted">captures nothing</p>`;
    const extra: string[] = [];
    if (c.lexical.length) extra.push(`lexical: ${c.lexical.map(esc).join(", ")}`);
    if (c.globals.length) extra.push(`globals: ${c.globals.map(esc).join(", ")}`);
    if (c.dynamic) extra.push(`<b>direct eval or with: captures cannot be known for sure</b>`);
    return html + (extra.length ? `<p class="muted">${extra.join(" · ")}</p>` : "");
  };

  const body = (c: any): string => `<div class="body">${diagnostics(c)}${captures(c)}${source(c)}</div>`;

  const head = (c: any): string => {
    const codes = [...new Set(c.diagnostics.map((d: any) => `${d.severity}|${d.code}`))].map((s: any) => {
      const [severity, code] = s.split("|");
      return `<span class="tag ${esc(severity)}">${esc(code)}</span>`;
    });
    return `<span class="name">${esc(c.name)}</span><span class="tag">${esc(c.kind)}</span>${c.memoized ? `<span class="tag memo">${esc(memoText(c.memoized))}</span>` : ""}${codes.join("")}${c.dynamic ? '<span class="tag warning">eval/with</span>' : ""}<span class="loc mono">${esc(c.path)}:${c.loc.line}:${c.loc.column + 1}</span>`;
  };

  // Memoized functions and findings are open with their details; other closures render their body when opened.
  const card = (c: any, i: number): string => {
    const open = c.memoized !== null;
    return `<details class="card ${c.worst}" data-i="${i}"${open ? " open" : ""}><summary>${head(c)}</summary>${open ? body(c) : ""}</details>`;
  };

  const list = document.getElementById("list");
  const more = document.getElementById("more");
  const count = document.getElementById("count");
  const fMemo = document.getElementById("f-memoized");
  const fFind = document.getElementById("f-findings");
  const fSearch = document.getElementById("f-search");
  let shown: any[] = [];
  let rendered = 0;

  const renderMore = (n: number) => {
    const next = shown.slice(rendered, rendered + n);
    list.insertAdjacentHTML("beforeend", next.map((c, j) => card(c, rendered + j)).join(""));
    rendered += next.length;
    more.innerHTML = rendered < shown.length ? `<button type="button" id="show-more">Show ${Math.min(BATCH, shown.length - rendered)} more (${shown.length - rendered} not shown)</button>` : "";
  };

  const apply = () => {
    const q = String(fSearch.value).trim().toLowerCase();
    shown = all.filter((c) => (!fMemo.checked || c.memoized !== null) && (!fFind.checked || c.diagnostics.length > 0) && (q === "" || c.search.includes(q)));
    list.innerHTML = shown.length ? "" : `<p class="muted">No closure matches the filters.</p>`;
    rendered = 0;
    renderMore(FIRST);
    count.textContent = `showing ${shown.length} of ${all.length} closures`;
  };

  list.addEventListener(
    "toggle",
    (event: any) => {
      const el = event.target;
      if (el.open && el.classList.contains("card") && !el.querySelector(".body")) el.insertAdjacentHTML("beforeend", body(shown[Number(el.dataset.i)]));
    },
    true,
  );
  more.addEventListener("click", () => renderMore(BATCH));
  if (typeof IntersectionObserver === "function") {
    new IntersectionObserver((entries: any[]) => {
      if (entries.some((e) => e.isIntersecting) && rendered < shown.length) renderMore(BATCH);
    }).observe(more);
  }
  let timer: any;
  fSearch.addEventListener("input", () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(apply, 120);
  });
  fMemo.addEventListener("change", apply);
  fFind.addEventListener("change", apply);

  if (data.problems.length) {
    const problems = document.getElementById("problems");
    problems.hidden = false;
    problems.innerHTML =
      `<h2>${data.problems.length} problem${data.problems.length === 1 ? "" : "s"} (files not analysed, tags the build would reject)</h2><ul>` +
      data.problems
        .map((p: any) => `<li><span class="tag ${esc(p.severity)}">${esc(p.code)}</span> <span class="mono">${esc(p.file)}${p.line !== undefined ? `:${p.line}:${p.column + 1}` : ""}</span> ${esc(p.message)}</li>`)
        .join("") +
      "</ul>";
  }
  // Files overview, rendered when opened: per-file counts; a click filters the list to that file.
  const overview = document.getElementById("files");
  overview.querySelector("summary").textContent = `Files (${files.length})`;
  overview.addEventListener("toggle", () => {
    if (!overview.open || overview.querySelector("table")) return;
    const stats = files.map(() => ({ closures: 0, memoized: 0, findings: 0 }));
    for (const c of all) {
      stats[c.file].closures++;
      if (c.memoized) stats[c.file].memoized++;
      stats[c.file].findings += c.diagnostics.length;
    }
    const rows = files.map(
      (f, i) =>
        `<tr><td><button type="button" class="link mono" data-path="${esc(f.path)}">${esc(f.path)}</button>${f.found ? "" : ' <span class="muted">(source not found)</span>'}</td><td>${stats[i].closures}</td><td>${stats[i].memoized}</td><td${stats[i].findings ? ' class="yes"' : ""}>${stats[i].findings}</td></tr>`,
    );
    overview.insertAdjacentHTML("beforeend", `<div class="scroll"><table class="caps"><thead><tr><th>file</th><th>closures</th><th>memoized</th><th>findings</th></tr></thead><tbody>${rows.join("")}</tbody></table></div>`);
  });
  overview.addEventListener("click", (event: any) => {
    const target = event.target;
    if (target.dataset && target.dataset.path !== undefined) {
      fSearch.value = target.dataset.path;
      apply();
      document.getElementById("filters").scrollIntoView();
    }
  });

  apply();
  document.body.dataset.renderedMs = String(Math.round(performance.now()));
  document.body.dataset.ready = "true";
}
