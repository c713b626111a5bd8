/** The HTML report's stylesheet: system fonts, a light and a dark theme (prefers-color-scheme), readable from 1024 px up. */
export const STYLE = `
:root {
  color-scheme: light dark;
  --bg: #f7f7f8; --panel: #ffffff; --text: #1d1f23; --muted: #5f6670; --border: #d9dce1;
  --accent: #2456c7; --warn: #a15c00; --warn-bg: #fff3dd; --err: #b3261e; --err-bg: #fde7e5;
  --info: #2f6d8a; --info-bg: #e4f1f7; --ok: #1f7a3a; --ok-bg: #e3f4e8; --mark: #ffe28a; --code-bg: #f1f2f4;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #15171b; --panel: #1d2025; --text: #e4e6ea; --muted: #9aa1ab; --border: #343840;
    --accent: #7aa7ff; --warn: #f2b45a; --warn-bg: #3a2c14; --err: #ff8a80; --err-bg: #3d1d1b;
    --info: #7cc4e4; --info-bg: #17303b; --ok: #7bd88f; --ok-bg: #183222; --mark: #6b5a12; --code-bg: #15171b;
  }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
code, pre, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 12.5px; }
.muted { color: var(--muted); }
header.top { padding: 16px 24px 8px; }
h1 { font-size: 20px; margin: 0 0 12px; }
h1 .muted { font-weight: 400; }
.summary { display: flex; gap: 12px; flex-wrap: wrap; }
.stat { background: var(--panel); border: 1px solid var(--border); border-radius: 8px; padding: 8px 16px; min-width: 120px; }
.stat .num { display: block; font-size: 24px; font-weight: 650; }
.stat .label { color: var(--muted); }
.stat.bad .num { color: var(--warn); }
main { padding: 0 24px 24px; max-width: 1280px; }
.filters { position: sticky; top: 0; z-index: 2; display: flex; gap: 16px; align-items: center; flex-wrap: wrap; background: var(--bg); padding: 10px 0; border-bottom: 1px solid var(--border); margin-bottom: 12px; }
.filters input[type=search] { flex: 1 1 260px; max-width: 420px; padding: 6px 10px; border: 1px solid var(--border); border-radius: 6px; background: var(--panel); color: var(--text); font: inherit; }
.card { background: var(--panel); border: 1px solid var(--border); border-left: 4px solid var(--border); border-radius: 8px; margin: 0 0 10px; }
.card.warning, .card.error { border-left-color: var(--warn); }
.card.error { border-left-color: var(--err); }
.card.info { border-left-color: var(--info); }
.card.memo { border-left-color: var(--ok); }
.card > summary, .card > .head { list-style: none; cursor: pointer; padding: 8px 12px; display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
.card > summary::-webkit-details-marker { display: none; }
.card > summary::before { content: "\\25B8"; color: var(--muted); width: 1em; }
.card[open] > summary::before { content: "\\25BE"; }
.name { font-weight: 650; }
.loc { margin-left: auto; color: var(--muted); }
.tag { font-size: 12px; padding: 1px 7px; border-radius: 10px; background: var(--code-bg); color: var(--muted); border: 1px solid var(--border); }
.tag.memo { background: var(--ok-bg); color: var(--ok); border-color: transparent; }
.tag.warning { background: var(--warn-bg); color: var(--warn); border-color: transparent; }
.tag.error { background: var(--err-bg); color: var(--err); border-color: transparent; }
.tag.info { background: var(--info-bg); color: var(--info); border-color: transparent; }
.body { padding: 0 12px 12px 34px; }
.diag { margin: 6px 0 10px; }
.diag .msg { margin-left: 6px; }
ol.chain { list-style: none; display: flex; flex-wrap: wrap; align-items: center; gap: 4px 28px; margin: 6px 0 0; padding: 0; }
ol.chain li { position: relative; background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: 3px 8px; }
ol.chain li + li::before { content: "\\2192"; position: absolute; left: -21px; color: var(--muted); }
ol.chain .what { color: var(--muted); margin-left: 4px; }
table.caps { border-collapse: collapse; margin: 6px 0 10px; width: 100%; }
table.caps th, table.caps td { text-align: left; padding: 3px 10px 3px 0; border-bottom: 1px solid var(--border); vertical-align: top; }
table.caps th { font-weight: 600; color: var(--muted); font-size: 12px; }
.yes { color: var(--warn); font-weight: 600; }
pre.src { background: var(--code-bg); border: 1px solid var(--border); border-radius: 6px; padding: 6px 0; margin: 6px 0; overflow-x: auto; }
pre.src .l { display: block; padding: 0 10px; white-space: pre; }
pre.src .l.hit { background: color-mix(in srgb, var(--warn-bg) 70%, transparent); }
pre.src .n { display: inline-block; min-width: 4ch; text-align: right; margin-right: 12px; color: var(--muted); user-select: none; }
mark.cap { background: var(--mark); color: inherit; border-radius: 2px; padding: 0 1px; }
.nosrc { color: var(--muted); font-style: italic; margin: 6px 0; }
#problems { background: var(--err-bg); border: 1px solid var(--border); border-radius: 8px; padding: 8px 14px; margin: 0 0 12px; }
#problems h2 { font-size: 15px; margin: 4px 0 6px; }
#problems li { margin: 2px 0; }
#more button { font: inherit; padding: 6px 14px; border-radius: 6px; border: 1px solid var(--border); background: var(--panel); color: var(--accent); cursor: pointer; }
#files { margin: 0 0 8px; }
#files .scroll { max-height: 45vh; overflow: auto; }
#files > summary { cursor: pointer; color: var(--muted); padding: 4px 0; }
button.link { border: 0; background: none; padding: 0; color: var(--accent); cursor: pointer; text-align: left; }
footer { padding: 12px 24px 24px; font-size: 12px; }
`;
