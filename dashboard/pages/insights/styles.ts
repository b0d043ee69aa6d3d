/**
 * Insights' part of the dashboard stylesheet (adopted with the rest, see styles.ts). Sizes come
 * from SVG attributes and grid tracks, never style attributes, which the page's CSP refuses.
 */
export const INSIGHTS_CSS = `
.visually-hidden { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
.insights h2:focus { outline: none; }

.trail ol { list-style: none; display: flex; flex-wrap: wrap; gap: 6px; margin: 0 0 16px; padding: 0; font-size: 13px; }
.trail li + li::before { content: "›"; color: var(--muted); margin-right: 6px; }
.trail [aria-current] { font-weight: 700; }

.range { display: flex; gap: 4px; align-items: center; flex-wrap: wrap; }
.range a { padding: 4px 10px; border: 1px solid var(--line); border-radius: 6px; text-decoration: none; font-size: 13px; font-weight: 600; color: var(--muted); background: #fff; }
.range a:hover { color: var(--ink); }
.range a[aria-current] { color: var(--accent); border-color: var(--accent); background: var(--accent-soft); }
.range-day { font-weight: 700; font-size: 13px; margin-right: 6px; }

.kpis { display: grid; grid-template-columns: repeat(auto-fill, minmax(118px, 1fr)); gap: 12px; margin: 0 0 20px; }
.kpi { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; }
.kpi dt { font-size: 12px; color: var(--muted); text-transform: uppercase; letter-spacing: .03em; font-weight: 700; }
.kpi dd { margin: 0; }
.kpi-value { font-size: 22px; font-weight: 700; font-variant-numeric: tabular-nums; }
.change { font-size: 13px; font-weight: 600; }
.change.up { color: var(--good); }
.change.down { color: var(--bad); }
.change.flat, .change.none { color: var(--muted); font-weight: 400; }

.metrics-plot { position: relative; }
.metrics-plot svg { width: 100%; height: auto; display: block; }
.metrics-chart .grid { stroke: var(--line); }
.metrics-chart text { font-size: 12px; fill: var(--muted); }
.metrics-chart .axis-left { text-anchor: end; }
.metrics-chart .day-label { text-anchor: middle; }
.metrics-chart .day-bar { fill: #b9cdf3; }
.metrics-chart .day-bar.partial { fill: #dde7f9; stroke: #b9cdf3; stroke-dasharray: 4 3; }
.metrics-chart .rate-line { fill: none; stroke: var(--bad); stroke-width: 2.5; }
.metrics-chart .rate-point { fill: #fff; stroke: var(--bad); stroke-width: 2; }
/* Same 5% insets as the plot (metrics-chart.tsx); 14% at the bottom leaves the day labels out. */
.day-buttons { position: absolute; left: 5%; right: 5%; top: 0; bottom: 14%; display: grid; grid-auto-flow: column; grid-auto-columns: 1fr; }
.day-button { background: transparent; border: 0; border-radius: 4px; padding: 0; height: 100%; }
.day-button:hover, .day-button:focus-visible { background: rgba(31, 95, 209, .10); }
.legend-bar, .legend-line { display: inline-block; width: 14px; height: 10px; vertical-align: middle; margin: 0 4px 0 8px; border-radius: 2px; background: #b9cdf3; }
.legend-line { height: 3px; background: var(--bad); }

.funnel { list-style: none; margin: 0 0 16px; padding: 0; }
.funnel-step { padding: 6px 0 10px; }
.step-head { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; margin-bottom: 4px; }
.step-no { width: 22px; height: 22px; border-radius: 50%; background: var(--accent-soft); color: var(--accent); font-weight: 700; font-size: 12px; display: inline-flex; align-items: center; justify-content: center; }
.step-kind { font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); font-weight: 700; }
.step-row { display: grid; grid-template-columns: minmax(0, 1fr) 300px; gap: 12px; align-items: center; }
.step-bar { width: 100%; height: 22px; display: block; }
.step-bar .track { fill: #f0f2f5; }
.step-bar .fill { fill: var(--accent); }
.step-nums { font-size: 13px; color: var(--muted); font-variant-numeric: tabular-nums; }
.step-nums strong { color: var(--ink); font-size: 15px; }
.step-shares { display: block; }
.drop-off { display: flex; align-items: center; gap: 12px; margin: 0 0 8px 30px; font-size: 13px; color: var(--bad); font-weight: 600; }
@media (max-width: 700px) { .step-row { grid-template-columns: 1fr; } }

.step-editor { border-top: 1px solid var(--line); padding-top: 4px; }
.step-list { margin: 12px 0; padding-left: 22px; }
.step-list li { margin: 4px 0; }
.step-list li button { margin-left: 10px; }
.step-editor .inline-form a { align-self: center; }

.finding { border-left: 4px solid var(--bad); background: var(--bad-soft); padding: 10px 14px; border-radius: 0 6px 6px 0; font-size: 16px; }
table.segments tr.highlight { background: #fff4f2; }
table.segments tr.highlight th { box-shadow: inset 4px 0 0 var(--bad); }
table.segments th[scope="row"] { text-transform: none; letter-spacing: 0; font-size: 14px; color: var(--ink); font-weight: 600; }

.drill { display: flex; gap: 12px; align-items: center; }

/* Retention heat map (cohorts.tsx): absolute steps of the share that came back; the darkest takes
   white text, the rest the ink colour, each at 4.5:1 or more. */
.cohorts { margin-top: 28px; }
table.cohorts-table { width: auto; min-width: 560px; }
table.cohorts-table th[scope="row"] { text-transform: none; letter-spacing: 0; font-size: 14px; color: var(--ink); font-weight: 600; }
table.cohorts-table td.cohort-cell { min-width: 76px; text-align: center; border: 2px solid #fff; font-weight: 600; }
table.cohorts-table td.cohort-cell.blank { color: var(--muted); font-weight: 400; background: #fff; border: 0; border-bottom: 1px solid var(--line); }
.shade-0 { background: #f3f5f8; }
.shade-1 { background: #e3ecfb; }
.shade-2 { background: #c8daf7; }
.shade-3 { background: #9dbdf0; }
.shade-4 { background: #6d9be4; }
.shade-5 { background: var(--accent); color: #fff; }
.cohort-legend { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; margin-top: 8px; }
.cohort-swatch { padding: 1px 8px; border-radius: 4px; color: var(--ink); }
.cohort-swatch.shade-5 { color: #fff; }

table.stalls tr.costly { background: #fff4f2; }
table.stalls th[scope="row"] { text-transform: none; letter-spacing: 0; font-weight: 400; }
/* The base rule drops the last row's line under cells only; row headers match it here. */
table.stalls tr:last-child th, table.cohorts-table tr:last-child th { border-bottom: 0; }

.reached.yes { color: var(--good); font-weight: 600; }
.reached.no { color: var(--bad); font-weight: 600; }
table.sessions td div + div { margin-top: 2px; }

.session-summary { font-size: 14px; }
.timeline { list-style: none; margin: 0; padding: 0; border-left: 2px solid var(--line); }
.timeline li { display: grid; grid-template-columns: 64px minmax(0, 1fr) auto; gap: 10px; padding: 6px 10px; margin-left: -2px; border-left: 2px solid transparent; align-items: baseline; }
.timeline .at { color: var(--muted); }
.timeline li.stall { background: var(--warn-soft); border-left-color: var(--warn); }
.timeline li.stall .what { font-weight: 700; color: #5c3d00; }
.timeline li.guide { background: var(--accent-soft); border-left-color: var(--accent); }
`;
