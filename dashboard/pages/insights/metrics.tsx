import type { Goal, MetricsReport } from '../../api';
import { Loading } from '../../components';
import { count, percent } from '../../format';
import { useLoad } from '../../load';
import { RetentionCohorts } from './cohorts';
import { MetricsChart } from './metrics-chart';
import { RangePicker, ViewHead, type ViewProps } from './parts';
import { insightsHref, periodLabel, periodOf } from './state';

/** The macro layer: headline numbers with their change against the period before, the days they came from, and the weekly retention cohorts. */
export function MetricsView({ api, site, state, goals, headingRef }: ViewProps) {
  const period = periodOf(state);
  const loaded = useLoad(() => api.metrics(site.id, period.from, period.to), [api, site.id, state.day, state.days]);
  const goal = goals[0];
  return (
    <>
      <ViewHead headingRef={headingRef} title="Metrics" aside={<RangePicker site={site} state={state} />}>
        Visitors, sessions and conversions over {periodLabel(state)}, against the {state.day ? 'day' : `${state.days} days`} before. Click a day to see its funnel.
      </ViewHead>
      <Loading loaded={loaded} what="the metrics">
        {(report) => (
          <>
            <Headlines report={report} goal={goal} />
            <MetricsChart report={report} goal={goal} dayHref={(day) => insightsHref(site.id, { view: 'funnel', day, days: state.days })} />
            <p class="small">
              <a href={insightsHref(site.id, { view: 'funnel', days: state.days, ...(state.day ? { day: state.day } : {}) })}>Open the funnel for {periodLabel(state)}</a>
            </p>
          </>
        )}
      </Loading>
      <RetentionCohorts api={api} siteId={site.id} />
    </>
  );
}

type Headline = { label: string; now: number; before: number; format: (n: number) => string; rate: boolean };

function Headlines({ report, goal }: { report: MetricsReport; goal: Goal | undefined }) {
  const { totals, previous } = report;
  const headlines: Headline[] = [
    { label: 'Visitors', now: totals.visitors, before: previous.visitors, format: count, rate: false },
    { label: 'Sessions', now: totals.sessions, before: previous.sessions, format: count, rate: false },
    { label: 'Active accounts', now: totals.accounts, before: previous.accounts, format: count, rate: false },
    ...(goal ? [{ label: `Conversion: ${goal.title}`, now: totals.conversionRate[goal.id] ?? 0, before: previous.conversionRate[goal.id] ?? 0, format: percent, rate: true }] : []),
    { label: 'Back next day', now: totals.returnDay1, before: previous.returnDay1, format: percent, rate: true },
    { label: 'Back within 7 days', now: totals.returnDay7, before: previous.returnDay7, format: percent, rate: true },
    { label: 'Guides shown', now: totals.guidesShown, before: previous.guidesShown, format: count, rate: false },
    { label: 'Guides completed', now: totals.guidesCompleted, before: previous.guidesCompleted, format: count, rate: false },
  ];
  return (
    <dl class="kpis">
      {headlines.map((headline) => (
        <div class="kpi" key={headline.label}>
          <dt>{headline.label}</dt>
          <dd class="kpi-value">{headline.format(headline.now)}</dd>
          <dd class="kpi-change">
            <Change headline={headline} noBase={previous.sessions === 0} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/**
 * ▲/▼ with the change against the previous period: relative for counts, in percentage points for
 * rates (a conversion rate going from 20% to 22% is "+2.0 pts", not "+10%").
 */
function Change({ headline, noBase }: { headline: Headline; noBase: boolean }) {
  if (noBase || (!headline.rate && headline.before === 0)) return <span class="change none">no earlier data</span>;
  const delta = headline.now - headline.before;
  if (delta === 0) return <span class="change flat">
        = same<span class="visually-hidden"> as before</span>
      </span>;
  const text = headline.rate ? `${Math.abs(delta * 100).toFixed(1)} pts` : percent(Math.abs(delta / headline.before));
  return (
    <span class={`change ${delta > 0 ? 'up' : 'down'}`}>
      <span aria-hidden="true">{delta > 0 ? '▲' : '▼'}</span> <span class="visually-hidden">{delta > 0 ? 'up' : 'down'}</span> {text}<span class="visually-hidden"> vs before</span>
    </span>
  );
}
