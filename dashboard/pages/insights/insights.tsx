import { useEffect, useRef } from 'preact/hooks';
import type { DashboardApi, Site } from '../../api';
import { Loading } from '../../components';
import { useLoad } from '../../load';
import { hrefOf, useSearch } from '../../router';
import { FunnelView } from './funnel';
import { MetricsView } from './metrics';
import { SegmentsView } from './segments';
import { SessionsView } from './sessions';
import { StallsView } from './stalls';
import { insightsHref, parseState, type InsightsState, type View } from './state';
import { TimelineView } from './timeline';

const LABELS: Record<View, string> = { metrics: 'Metrics', funnel: 'Funnel', segments: 'Segments', stalls: 'Stalls', sessions: 'Sessions', session: 'Session' };
/** The layers above each view: a segment's stalls branch off the segments, beside its sessions. */
const TRAIL: Record<View, View[]> = {
  metrics: ['metrics'],
  funnel: ['metrics', 'funnel'],
  segments: ['metrics', 'funnel', 'segments'],
  stalls: ['metrics', 'funnel', 'segments', 'stalls'],
  sessions: ['metrics', 'funnel', 'segments', 'sessions'],
  session: ['metrics', 'funnel', 'segments', 'sessions', 'session'],
};

/**
 * Insights in three layers, each drilling into the next: metrics per day (macro), a funnel and the
 * segments that drop at one of its steps (middle), the sessions behind a drop and one session's
 * timeline (micro). The drill-down lives in the URL (see state.ts).
 */
export function InsightsSection({ api, site }: { api: DashboardApi; site: Site }) {
  const state = parseState(useSearch());
  // The goals decide the conversion rate and the default funnel; the latest analysis marks stalls.
  const context = useLoad(() => Promise.all([api.goals(site.id), api.insights(site.id)]), [api, site.id]);
  const heading = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);
  // Each drill-down step moves focus to the new view's heading, where a screen reader starts reading.
  useEffect(() => {
    if (first.current) first.current = false;
    else heading.current?.focus();
  }, [location.search]);

  return (
    <section class="card insights" aria-labelledby="insights-heading">
      <Trail site={site} state={state} />
      <Loading loaded={context} what="the goals">
        {([goals, insights]) => {
          const props = { api, site, state, goals, report: insights.report, headingRef: heading };
          switch (state.view) {
            case 'funnel':
              return <FunnelView {...props} />;
            case 'segments':
              return <SegmentsView {...props} />;
            case 'stalls':
              return <StallsView {...props} />;
            case 'sessions':
              return <SessionsView {...props} />;
            case 'session':
              return <TimelineView {...props} />;
            default:
              return <MetricsView {...props} />;
          }
        }}
      </Loading>
      {context.data && context.data[0].length === 0 ? (
        <p class="small muted">
          Conversion rates need a goal: <a href={hrefOf({ page: 'site', siteId: site.id, section: 'goals' })}>set goals</a>.
        </p>
      ) : null}
    </section>
  );
}

/** Where the drill-down is: each layer reached so far is a link back to it, the current one is not. */
function Trail({ site, state }: { site: Site; state: InsightsState }) {
  const trail = TRAIL[state.view];
  // On the top layer there is nothing to go back to.
  if (trail.length <= 1) return null;
  // Each layer keeps the state that leads to it: the funnel its steps, the segments the drop-off too.
  const keep = (view: View): Partial<InsightsState> & { view: View } => {
    const base = { view, days: state.days, ...(state.day ? { day: state.day } : {}) };
    if (view === 'metrics') return { view, days: state.days };
    if (view === 'funnel') return { ...base, ...(state.steps ? { steps: state.steps } : {}) };
    if (view === 'segments') return { ...base, ...(state.steps ? { steps: state.steps } : {}), ...(state.at !== undefined ? { at: state.at } : {}) };
    const { sid: _sid, ...rest } = state;
    return view === 'sessions' ? { ...rest, view } : { ...state, view };
  };
  return (
    <nav class="trail" aria-label="Insights drill-down">
      <ol>
        {trail.map((view) => (
          <li key={view}>{view === state.view ? <span aria-current="page">{LABELS[view]}</span> : <a href={insightsHref(site.id, keep(view))}>{LABELS[view]}</a>}</li>
        ))}
      </ol>
    </nav>
  );
}
