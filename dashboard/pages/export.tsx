import { useState } from 'preact/hooks';
import type { DashboardApi, Site } from '../api';
import { useAction } from '../components';
import { dayStart, isoDay } from '../format';

const DAY_MS = 86_400_000;

/**
 * Raw events for a date range, as NDJSON or CSV (streamed by the collector, so any range works).
 * With a login session these are plain links; with a pasted token the file is fetched with it.
 */
export function ExportSection({ api, site }: { api: DashboardApi; site: Site }) {
  const today = new Date();
  const [from, setFrom] = useState(isoDay(new Date(today.getTime() - 6 * DAY_MS)));
  const [to, setTo] = useState(isoDay(today));
  const [name, setName] = useState('');
  const [run, busy, outcome] = useAction();
  const start = dayStart(from);
  const end = dayStart(to);
  // "To" is inclusive for people and exclusive for the API: the day after, at midnight.
  const range = { ...(start !== undefined ? { from: start } : {}), ...(end !== undefined ? { to: end + DAY_MS } : {}), ...(name.trim() ? { name: name.trim() } : {}) };
  const link = (format: 'ndjson' | 'csv', label: string) => {
    const url = api.exportUrl(site.id, { format, ...range });
    const filename = `waymark-events-${from || 'start'}-${to || 'now'}.${format}`;
    const onClick = (event: MouseEvent) => {
      if (!api.usesToken) return;
      event.preventDefault();
      void run(() => api.download(url, filename));
    };
    return (
      <a class="button secondary" href={url} download={filename} onClick={onClick} aria-disabled={busy ? 'true' : undefined}>
        {label}
      </a>
    );
  };
  return (
    <section class="card" aria-labelledby="export-heading">
      <h2 id="export-heading">Export raw events</h2>
      <p class="muted">Every event the collector stored for this site in the range: page views, hesitations, guide events and your own events.</p>
      <div class="inline-form">
        <div>
          <label for="export-from">From</label>
          <input id="export-from" type="date" value={from} onInput={(e) => setFrom(e.currentTarget.value)} />
        </div>
        <div>
          <label for="export-to">To (inclusive)</label>
          <input id="export-to" type="date" value={to} onInput={(e) => setTo(e.currentTarget.value)} />
        </div>
        <div>
          <label for="export-name">Only events named</label>
          <input id="export-name" placeholder="all events" value={name} onInput={(e) => setName(e.currentTarget.value)} />
        </div>
      </div>
      <div class="actions">
        {link('ndjson', 'Download NDJSON')}
        {link('csv', 'Download CSV')}
      </div>
      {outcome}
    </section>
  );
}
