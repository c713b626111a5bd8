"use strict";
// Renders tables as GitHub markdown (for BENCHMARKS.md) and as aligned text (for the terminal).

/** rows: arrays of cells (strings); the first row is the header. */
function markdown(rows) {
  const [head, ...body] = rows;
  const line = (cells) => `| ${cells.join(" | ")} |`;
  return [line(head), line(head.map((_, i) => (i === 0 ? "---" : "---:"))), ...body.map(line)].join("\n");
}

function text(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const pad = (cell, i) => (i === 0 ? String(cell).padEnd(widths[i]) : String(cell).padStart(widths[i]));
  const out = rows.map((r) => r.map(pad).join("  "));
  out.splice(1, 0, widths.map((w) => "-".repeat(w)).join("  "));
  return out.join("\n");
}

module.exports = { markdown, text };
