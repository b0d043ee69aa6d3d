import type { HesitationPoint } from '../../../collector/analysis/hesitation-points';
import type { AnalysisReport } from '../../../collector/analysis/report';
import { urlMatches } from '../../../sdk/core/rules/url-match';
import type { DashboardApi, FunnelStep, Goal, Step } from '../../api';
import { Loading } from '../../components';
import { count, percent } from '../../format';
import { useLoad } from '../../load';
import { navigate } from '../../router';
import { primaryGoalReport } from '../../verdicts';
import { defaultFunnel } from './default-funnel';
import { StepEditor } from './step-editor';
import { RangePicker, ViewHead, type ViewProps } from './parts';
import { insightsHref, periodLabel, periodOf, stepText, type InsightsState } from './state';

/** Default funnels are read from a few timelines once per site and dashboard load, not on every visit. */
const defaults = new WeakMap<DashboardApi, Map<string, Promise<Step[]>>>();
function cachedDefault(api: DashboardApi, siteId: string, goal: Goal | undefined): Promise<Step[]> {
  const bySite = defaults.get(api) ?? new Map<string, Promise<Step[]>>();
  defaults.set(api, bySite);
  // The structure of the shop does not change day to day: read it over the widest range.
  const found = bySite.get(siteId) ?? defaultFunnel(api, siteId, goal, periodOf({ days: 28 }));
  bySite.set(siteId, found);
  found.catch(() => bySite.delete(siteId));
  return found;
}

/**
 * The middle layer: sessions through the funnel's steps in order, as horizontal bars with the
 * share kept from the step before and from the start; stalls the analysis found costly are marked
 * on their page's step, and each drop-off opens the segments that drop there most.
 */
export function FunnelView({ api, site, state, goals, report, headingRef }: ViewProps) {
  const period = periodOf(state);
  const loaded = useLoad(async () => {
    const steps = state.steps ?? (await cachedDefault(api, site.id, goals[0]));
    return { steps, result: steps.length >= 2 ? await api.funnel(site.id, steps, period) : [] };
  }, [api, site.id, state.day, state.days, JSON.stringify(state.steps)]);
  return (
    <>
      <ViewHead headingRef={headingRef} title="Funnel" aside={<RangePicker site={site} state={state} />}>
        Sessions over {periodLabel(state)} that went through these steps in order. Ask why buyers drop at any step.
      </ViewHead>
      <Loading loaded={loaded} what="the funnel">
        {({ steps, result }) => (
          <>
            {result.length === 0 ? (
              <p>{goals.length === 0 ? 'Set a goal first: the default funnel leads to it.' : 'A funnel needs at least two steps: add them below.'}</p>
            ) : (
              <FunnelBars state={{ ...state, steps }} siteId={site.id} result={result} points={significantPoints(report, goals)} />
            )}
            <StepEditor steps={steps} hrefFor={(next) => insightsHref(site.id, { view: 'funnel', days: state.days, ...(state.day ? { day: state.day } : {}), ...(next ? { steps: next } : {}) })} />
          </>
        )}
      </Loading>
    </>
  );
}

function significantPoints(report: AnalysisReport | null, goals: Goal[]): HesitationPoint[] {
  const goal = report ? primaryGoalReport(report, goals[0]?.id) : undefined;
  return (goal?.points ?? []).filter((point) => point.verdict === 'significant');
}

/** A hesitation point belongs on a page step when the point's page pattern covers the step's page. */
function pointsOn(step: Step, points: HesitationPoint[]): HesitationPoint[] {
  if (step.type !== 'page') return [];
  return points.filter((point) => point.page === step.url.value || (point.page.startsWith('/') && urlMatches({ match: 'glob', value: point.page }, `https://site.invalid${step.url.value}`)));
}

function FunnelBars({ state, siteId, result, points }: { state: InsightsState & { steps: Step[] }; siteId: string; result: FunnelStep[]; points: HesitationPoint[] }) {
  return (
    <ol class="funnel" aria-label="Funnel steps">
      {result.map((row, k) => {
        const previous = k > 0 ? result[k - 1]! : undefined;
        const stalls = pointsOn(row.step, points);
        const why = insightsHref(siteId, { view: 'segments', days: state.days, ...(state.day ? { day: state.day } : {}), steps: state.steps, at: k });
        return (
          <li key={k} class="funnel-step">
            {previous ? (
              <div class="drop-off">
                <span>
                  <span aria-hidden="true">↓ </span>
                  {count(previous.sessions - row.sessions)} left ({percent(previous.sessions > 0 ? 1 - row.fromPrevious : 0)})
                </span>
                <button type="button" class="secondary small" aria-label={`Why do buyers drop here? ${stepText(previous.step)} → ${stepText(row.step)}`} onClick={() => navigate(why)} disabled={previous.sessions === 0}>
                  Why do buyers drop here?
                </button>
              </div>
            ) : null}
            <div class="step-head">
              <span class="step-no">{k + 1}</span>
              <span class="step-kind">{row.step.type === 'page' ? 'Page' : row.step.type === 'event' ? 'Event' : 'Click'}</span>
              <code>{stepText(row.step)}</code>
              {stalls.map((point) => (
                <span class="badge warn" key={point.el}>
                  <span aria-hidden="true">⚠ </span>
                  {point.el} stalls cost conversions
                </span>
              ))}
            </div>
            <div class="step-row">
              <svg class="step-bar" viewBox="0 0 1000 22" preserveAspectRatio="none" aria-hidden="true">
                <rect class="track" x={0} y={0} width={1000} height={22} rx={4} />
                <rect class="fill" x={0} y={0} width={Math.max(row.sessions > 0 ? 4 : 0, row.fromStart * 1000)} height={22} rx={4} />
              </svg>
              <span class="step-nums">
                <strong>{count(row.sessions)}</strong> sessions
                <span class="step-shares">{k > 0 ? `${percent(row.fromPrevious)} from previous · ${percent(row.fromStart)} from start` : 'the start'}</span>
              </span>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
