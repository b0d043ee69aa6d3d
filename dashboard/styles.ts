/**
 * The dashboard's one stylesheet, adopted as a constructable stylesheet: the page's CSP allows no
 * inline <style> and no style attributes, and this needs neither. One accent colour (the editor's
 * blue), system fonts, and colour never the only signal (badges and charts carry text too).
 */
import { INSIGHTS_CSS } from './pages/insights/styles';

export const DASHBOARD_CSS = `
:root { --accent: #1f5fd1; --accent-soft: #e8f0fd; --ink: #1f2430; --muted: #5b6472; --line: #e3e6eb; --bg: #f6f7f9;
  --good: #11734b; --good-soft: #ddf4e8; --bad: #b42318; --bad-soft: #fde4e1; --warn: #8a5a00; --warn-soft: #fdf1d6; }
* { box-sizing: border-box; }
html { background: var(--bg); color: var(--ink); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
body { margin: 0; }
a { color: var(--accent); }
h1 { font-size: 24px; margin: 0 0 4px; }
h2 { font-size: 18px; margin: 0 0 12px; }
h3 { font-size: 15px; margin: 0 0 8px; }
h1:focus { outline: none; }
p { margin: 0 0 12px; }
code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; }
code { background: #eef0f3; padding: 1px 5px; border-radius: 4px; word-break: break-all; }
.muted { color: var(--muted); }
.section-title { margin: 28px 0 12px; }
.small { font-size: 13px; }

.topbar { background: #fff; border-bottom: 1px solid var(--line); }
.topbar-inner { max-width: 1160px; margin: 0 auto; padding: 10px 24px; display: flex; align-items: center; gap: 24px; }
.brand { font-weight: 700; font-size: 17px; color: var(--ink); text-decoration: none; display: flex; align-items: center; gap: 8px; }
.brand-mark { width: 22px; height: 22px; }
.topnav { display: flex; gap: 4px; flex: 1; }
.topnav a, .tabs a { padding: 6px 12px; border-radius: 6px; text-decoration: none; color: var(--muted); font-weight: 600; }
.topnav a:hover, .tabs a:hover { color: var(--ink); background: var(--bg); }
.topnav a[aria-current="page"], .tabs a[aria-current="page"] { color: var(--accent); background: var(--accent-soft); }
.who { color: var(--muted); font-size: 14px; display: flex; align-items: center; gap: 12px; }

main { max-width: 1160px; margin: 0 auto; padding: 28px 24px 64px; }
.page-head { display: flex; align-items: flex-start; justify-content: space-between; gap: 16px; margin-bottom: 20px; flex-wrap: wrap; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 20px 22px; margin-bottom: 20px; }
.grid-2 { display: grid; grid-template-columns: minmax(0, 2fr) minmax(280px, 1fr); gap: 20px; align-items: start; }
@media (max-width: 860px) { .grid-2 { grid-template-columns: 1fr; } }
.tabs { display: flex; gap: 4px; border-bottom: 1px solid var(--line); margin: 8px 0 20px; padding-bottom: 8px; flex-wrap: wrap; }

label { display: block; font-weight: 600; font-size: 14px; margin: 12px 0 4px; }
.hint { font-size: 13px; color: var(--muted); margin: 4px 0 0; }
input, select, textarea { font: inherit; color: inherit; width: 100%; padding: 7px 10px; border: 1px solid #aab1bd; border-radius: 6px; background: #fff; }
textarea { resize: vertical; }
input[readonly], textarea[readonly] { background: #f8f9fb; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: 13px; }
.inline-form { display: flex; gap: 10px; align-items: flex-end; flex-wrap: wrap; }
.inline-form > div { flex: 1 1 180px; }
.inline-form label { margin-top: 0; }
.bookmarklet { border-top: 1px solid var(--line); margin-top: 16px; padding-top: 4px; }
.bookmarklet-link { display: inline-block; padding: 6px 14px; border-radius: 999px; border: 2px dashed #1f5fd1; font-weight: 600; cursor: grab; text-decoration: none; }
.actions { display: flex; gap: 8px; margin-top: 16px; flex-wrap: wrap; align-items: center; }
button, .button { font: inherit; font-weight: 600; font-size: 14px; cursor: pointer; border-radius: 6px; padding: 7px 14px;
  border: 1px solid var(--accent); background: var(--accent); color: #fff; text-decoration: none; display: inline-block; white-space: nowrap; }
button.secondary, .button.secondary { background: #fff; color: var(--accent); }
button.danger { background: #fff; color: var(--bad); border-color: #e5a29b; }
button.small { padding: 3px 10px; font-size: 13px; }
button:disabled { opacity: .55; cursor: default; }
a:focus-visible, button:focus-visible, .button:focus-visible, input:focus-visible, select:focus-visible, textarea:focus-visible, summary:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.linklike { background: none; border: 0; color: var(--accent); padding: 0; text-decoration: underline; font-weight: 500; }

.copy { margin-top: 8px; }
.copy label { margin-top: 8px; }
.copy-row { display: flex; gap: 8px; align-items: stretch; }

.notice { padding: 8px 12px; border-radius: 6px; margin: 12px 0 0; }
.notice.ok { color: var(--good); background: var(--good-soft); }
.notice.error { color: var(--bad); background: var(--bad-soft); }
.notice.info { color: var(--ink); background: var(--accent-soft); }

.badge { display: inline-block; padding: 1px 8px; border-radius: 999px; font-size: 12px; font-weight: 700; white-space: nowrap; }
.badge.good { color: var(--good); background: var(--good-soft); }
.badge.bad { color: var(--bad); background: var(--bad-soft); }
.badge.warn { color: var(--warn); background: var(--warn-soft); }
.badge.neutral { color: #3f4754; background: #eceef2; }

.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: 14px; }
caption { text-align: left; color: var(--muted); font-size: 13px; padding-bottom: 8px; }
th, td { text-align: left; padding: 9px 10px; border-bottom: 1px solid var(--line); vertical-align: middle; }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); font-weight: 700; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:last-child td { border-bottom: 0; }
.stack { display: flex; flex-direction: column; align-items: flex-start; gap: 2px; }
td code { white-space: nowrap; word-break: normal; }
.nowrap { white-space: nowrap; }

.site-list { list-style: none; margin: 0; padding: 0; }
.site-list li { padding: 14px 0; border-bottom: 1px solid var(--line); display: flex; justify-content: space-between; gap: 12px; align-items: center; flex-wrap: wrap; }
.site-list li:last-child { border-bottom: 0; }
.site-list a { font-weight: 700; font-size: 16px; }

.stats { display: flex; gap: 28px; flex-wrap: wrap; margin: 4px 0 0; }
.stat dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; }
.stat dd { margin: 0; font-size: 18px; font-weight: 700; font-variant-numeric: tabular-nums; }

.chart { margin: 0 0 16px; }
.chart figcaption { font-size: 13px; margin-top: 4px; }
.score-chart { width: 100%; max-width: 760px; height: auto; display: block; }
.score-chart .bar-label { font: 600 13px ui-monospace, Menlo, Consolas, monospace; fill: var(--ink); }
.score-chart .bar-page, .score-chart .bar-value { font-size: 12px; fill: var(--muted); }
.score-chart .bar-value { font-weight: 700; fill: var(--ink); }
.score-chart .bar-track { fill: #f0f2f5; }
.score-chart .bar-fill { fill: var(--accent); }
.score-chart .not_enough_data .bar-value { fill: var(--muted); font-weight: 400; }

.interval { display: block; overflow: visible; }
.interval .axis { stroke: #d5d9e0; stroke-width: 1; }
.interval .zero { stroke: #8b93a1; stroke-width: 1; stroke-dasharray: 2 2; }
.interval .range { stroke-width: 4; stroke-linecap: round; }
.interval .estimate { stroke: #fff; stroke-width: 1.5; }
.interval.good .range, .interval.good .estimate { stroke: var(--good); fill: var(--good); }
.interval.bad .range, .interval.bad .estimate { stroke: var(--bad); fill: var(--bad); }
.interval.neutral .range, .interval.neutral .estimate { stroke: #6b7382; fill: #6b7382; }
.interval .estimate { stroke: #fff; }

.answers-head { display: flex; justify-content: space-between; align-items: baseline; gap: 4px 12px; flex-wrap: wrap; margin-bottom: 8px; }
.answers-head h2 { margin: 0; }
.answers h2:focus { outline: none; }
.answers-question { font-weight: 600; }
.answers .stats { margin: 0 0 16px; }
.answer-chart { list-style: none; margin: 0; padding: 0; max-width: 640px; }
.answer-chart li { display: grid; grid-template-columns: minmax(0, 1fr) 5.5em; column-gap: 10px; align-items: center; margin-bottom: 10px; }
.answer-label { grid-column: 1 / -1; font-weight: 600; font-size: 14px; overflow-wrap: anywhere; }
.answer-bar { width: 100%; display: block; }
.answer-bar .bar-track { fill: #f0f2f5; }
.answer-bar .bar-fill { fill: var(--accent); }
.answer-value { font-size: 13px; color: var(--muted); white-space: nowrap; font-variant-numeric: tabular-nums; }
.answer-value strong { color: var(--ink); }
.answers-list { list-style: none; margin: 0 0 12px; padding: 0; max-width: 760px; }
.answers-list li { border-top: 1px solid var(--line); padding: 10px 0; }
.answers-list li:last-child { border-bottom: 1px solid var(--line); }
/* Buyer-written text: keep their line breaks, break long words rather than the layout. */
.answer-text { margin: 0 0 2px; white-space: pre-wrap; overflow-wrap: anywhere; }
.answers-note { margin-top: 16px; }

.suggestions { list-style: none; margin: 0; padding: 0; display: grid; gap: 12px; }
.suggestions li { border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; display: flex; justify-content: space-between; gap: 16px; align-items: center; flex-wrap: wrap; }

.login { max-width: 420px; margin: 64px auto; }
.login .card { padding: 28px; }
.login h1 { margin-bottom: 16px; }
.login .brand { margin-bottom: 16px; }
details summary { cursor: pointer; color: var(--accent); font-weight: 600; margin-top: 16px; }
` + INSIGHTS_CSS;
