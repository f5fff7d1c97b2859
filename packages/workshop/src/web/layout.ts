import { htmlText } from '../html.ts';
import { HIGHLIGHT_CSS } from './markdown.ts';

/** Every page of the web workshop: one self-contained document, no request beyond the server's own API. */
export function layout(title: string, body: string, script = ''): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${htmlText(title)}</title>
<style>${PAGE_CSS}\n${HIGHLIGHT_CSS}</style>
</head>
<body>
<header class="top"><a href="/">Async Node.js workshop</a><span class="dim">local, on 127.0.0.1 only</span></header>
<main>
${body}
</main>
${script ? `<script type="module">${script}</script>` : ''}
</body>
</html>
`;
}

const PAGE_CSS = `
:root { --pass: #1a7f37; --fail: #cf222e; --wait: #9a6700; --line: #d0d7de; --soft: #f6f8fa; --ink: #1f2328; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, sans-serif; color: var(--ink); }
a { color: #0969da; }
.top { display: flex; gap: 1em; align-items: baseline; padding: .6em 1.2em; border-bottom: 1px solid var(--line); background: var(--soft); }
.top a { font-weight: 600; text-decoration: none; color: var(--ink); }
main { padding: 1em 1.2em 3em; max-width: 1500px; margin: 0 auto; }
.dim { color: #656d76; }
table { border-collapse: collapse; }
th, td { border: 1px solid var(--line); padding: .3em .6em; text-align: left; vertical-align: top; }
th { background: var(--soft); }
.exercises td.next::before { content: "→ "; color: var(--wait); font-weight: 700; }
.state-done { color: var(--pass); }
.state-todo { color: var(--wait); }
.columns { display: grid; grid-template-columns: minmax(0, 1fr) minmax(0, 1.1fr); gap: 2em; }
@media (max-width: 1000px) { .columns { grid-template-columns: 1fr; } }
.lesson pre, .diff { background: var(--soft); padding: .8em; overflow-x: auto; font-size: 13px; }
.lesson code { font-size: 13px; }
.panel h2 { margin-top: 1.4em; }
.toolbar { display: flex; gap: 1em; align-items: center; position: sticky; top: 0; background: white; padding: .5em 0; z-index: 1; }
button { font: inherit; padding: .35em 1em; border: 1px solid var(--line); border-radius: 6px; background: var(--soft); cursor: pointer; }
button.primary { background: var(--pass); color: white; border-color: var(--pass); }
button:disabled { opacity: .6; cursor: progress; }
#checks-table td.state::before { font-weight: 700; }
#checks-table tr[data-state="passed"] td.state::before { content: "✓ "; color: var(--pass); }
#checks-table tr[data-state="failed"] td.state::before { content: "✗ "; color: var(--fail); }
#checks-table tr[data-state="not-run"] td.state::before { content: "○ "; color: var(--wait); }
#checks-table tr[data-state="running"] td.state::before { content: "… "; color: var(--wait); }
.report ol.checks { list-style: none; padding: 0; }
.report li.check { border: 1px solid var(--line); border-radius: 6px; padding: .5em .8em; margin: .5em 0; }
.report li.check .head { display: flex; gap: .6em; }
.report li.check .name { flex: 1; font-weight: 600; }
.report li.check[data-state="passed"] .mark::before { content: "✓"; color: var(--pass); }
.report li.check[data-state="failed"] { border-color: var(--fail); }
.report li.check[data-state="failed"] .mark::before { content: "✗"; color: var(--fail); }
.report li.check[data-state="not-run"] .mark::before { content: "○"; color: var(--wait); }
.report dl { display: grid; grid-template-columns: max-content 1fr; gap: .2em 1em; margin: .5em 0; }
.report dt { font-weight: 600; }
.report dd { margin: 0; white-space: pre-wrap; }
.report ul.figures { margin: .3em 0; font-size: 13px; }
.report .kit-failure, .report .errors, .report .interruption { color: var(--fail); }
svg.timeline { max-width: 100%; height: auto; }
.report figure { margin: .6em 0; }
.timeline text { font: 11px system-ui, sans-serif; fill: var(--ink); }
.timeline rect[data-outcome="fulfilled"] { fill: #2da44e; }
.timeline rect[data-outcome="rejected"] { fill: #ff8182; stroke: var(--fail); }
.timeline rect[data-outcome="pending"] { fill: #d4a72c; fill-opacity: .45; stroke: #9a6700; stroke-dasharray: 3 2; }
.timeline rect[data-outcome="blocked"] { fill: var(--fail); }
.timeline .axis, .timeline .tick line { stroke: #656d76; }
.timeline .mark line { stroke: #8250df; stroke-dasharray: 4 3; }
.legend span { display: inline-block; margin-right: 1em; font-size: 12px; }
.legend i { display: inline-block; width: 1.4em; height: .8em; margin-right: .3em; vertical-align: middle; }
.hint { border-left: 4px solid var(--wait); padding: .2em 1em; margin: .8em 0; background: #fff8c5; }
.diff .add { color: var(--pass); } .diff .del { color: var(--fail); } .diff .hunk { color: #8250df; } .diff .meta { color: #656d76; }
`;
