/**
 * Counters and latency histograms, exposed at GET /metrics in Prometheus text format. Kept by hand:
 * a handful of series does not need a client library.
 */
const BUCKETS_MS = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500];

export class Metrics {
  private readonly counters = new Map<string, number>();
  private readonly histograms = new Map<string, { buckets: number[]; sum: number; count: number }>();
  private readonly gauges = new Map<string, () => number>();

  count(name: string, labels: Record<string, string | number> = {}, by = 1): void {
    const key = series(name, labels);
    this.counters.set(key, (this.counters.get(key) ?? 0) + by);
  }

  observe(name: string, labels: Record<string, string | number>, ms: number): void {
    const key = series(name, labels);
    let histogram = this.histograms.get(key);
    if (!histogram) this.histograms.set(key, (histogram = { buckets: BUCKETS_MS.map(() => 0), sum: 0, count: 0 }));
    BUCKETS_MS.forEach((bound, i) => {
      if (ms <= bound) histogram.buckets[i]!++;
    });
    histogram.sum += ms;
    histogram.count++;
  }

  gauge(name: string, read: () => number): void {
    this.gauges.set(name, read);
  }

  render(): string {
    const lines: string[] = [];
    const typed = new Set<string>();
    // One "# TYPE" line before each metric family, as Prometheus' text format expects.
    const type = (name: string, kind: string) => {
      if (!typed.has(name)) lines.push(`# TYPE ${name} ${kind}`);
      typed.add(name);
    };
    for (const [key, value] of [...this.counters].sort(([a], [b]) => (a < b ? -1 : 1))) {
      type(key.split('{')[0]!, 'counter');
      lines.push(`${key} ${value}`);
    }
    for (const [name, read] of this.gauges) {
      type(name, 'gauge');
      lines.push(`${name} ${read()}`);
    }
    for (const [key, histogram] of [...this.histograms].sort(([a], [b]) => (a < b ? -1 : 1))) {
      type(key.split('{')[0]!, 'histogram');
      const [name, labels = ''] = key.replace('}', '').split('{') as [string, string?];
      const join = (extra: string) => `{${[labels, extra].filter(Boolean).join(',')}}`;
      BUCKETS_MS.forEach((bound, i) => lines.push(`${name}_bucket${join(`le="${bound}"`)} ${histogram.buckets[i]}`));
      lines.push(`${name}_bucket${join('le="+Inf"')} ${histogram.count}`);
      lines.push(`${name}_sum${labels ? `{${labels}}` : ''} ${histogram.sum}`);
      lines.push(`${name}_count${labels ? `{${labels}}` : ''} ${histogram.count}`);
    }
    return `${lines.join('\n')}\n`;
  }
}

function series(name: string, labels: Record<string, string | number>): string {
  const entries = Object.entries(labels);
  if (entries.length === 0) return name;
  return `${name}{${entries.map(([k, v]) => `${k}="${String(v).replace(/["\\\n]/g, '_')}"`).join(',')}}`;
}
