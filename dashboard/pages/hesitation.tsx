import { useState } from 'preact/hooks';
import type { HesitationPoint } from '../../collector/analysis/hesitation-points';
import type { AnalysisReport, Suggestion } from '../../collector/analysis/report';
import type { AnalysisRun, DashboardApi, GuideRecord, Site } from '../api';
import { intervalDomain, IntervalBar, intervalLabel, ScoreChart } from '../chart';
import { Loading, useAction } from '../components';
import { count, dateTime, percent, seconds } from '../format';
import { useLoad } from '../load';
import { hrefOf } from '../router';
import { HesitationBadge, primaryGoalReport } from '../verdicts';

/**
 * Where buyers hesitate and whether it costs conversions, from the latest analysis run: the
 * ranked points as a chart and a table, drafts for stalls no guide covers yet, and the auto
 * thresholds the analysis wrote into hesitation triggers.
 */
export function HesitationSection({ api, site, canEdit }: { api: DashboardApi; site: Site; canEdit: boolean }) {
  const loaded = useLoad(() => Promise.all([api.insights(site.id), api.analysisRuns(site.id), api.guides(site.id)]), [api, site.id]);
  const [run, busy, outcome] = useAction();
  const analyse = () =>
    void run(async () => {
      const { report } = await api.runAnalysis(site.id);
      loaded.reload();
      return `Analysis done: ${count(report.sessions)} sessions.`;
    });

  return (
    <>
      <section class="card" aria-labelledby="analysis-heading">
        <div class="page-head">
          <div>
            <h2 id="analysis-heading">Hesitation points</h2>
            <p class="muted small">The collector runs the analysis on a schedule (hourly by default); run it now after a change or a busy day.</p>
          </div>
          {canEdit ? (
            <button type="button" onClick={analyse} disabled={busy}>
              {busy ? 'Running analysis…' : 'Run analysis now'}
            </button>
          ) : null}
        </div>
        {outcome}
        <Loading loaded={loaded} what="the analysis">
          {([insights, runs, guides]) => (insights.report ? <Report api={api} site={site} report={insights.report} runs={runs} guides={guides} canEdit={canEdit} onSaved={loaded.reload} /> : <NoReport site={site} />)}
        </Loading>
      </section>
    </>
  );
}

function NoReport({ site }: { site: Site }) {
  return (
    <p>
      No analysis yet. It needs at least one goal (what counts as a conversion: <a href={hrefOf({ page: 'site', siteId: site.id, section: 'goals' })}>set goals</a>) and traffic from your site.
    </p>
  );
}

function Report(props: { api: DashboardApi; site: Site; report: AnalysisReport; runs: AnalysisRun[]; guides: GuideRecord[]; canEdit: boolean; onSaved: () => void }) {
  const { report } = props;
  const [goalId, setGoalId] = useState<string | undefined>();
  const goal = primaryGoalReport(report, goalId);
  return (
    <>
      <dl class="stats">
        <div class="stat">
          <dt>Last run</dt>
          <dd>{dateTime(report.runAt)}</dd>
        </div>
        <div class="stat">
          <dt>Sessions</dt>
          <dd>{count(report.sessions)}</dd>
        </div>
        <div class="stat">
          <dt>Window</dt>
          <dd>{Math.round((report.window.to - report.window.from) / 86_400_000)} days</dd>
        </div>
      </dl>
      {!goal ? (
        <NoReport site={props.site} />
      ) : (
        <>
          {report.goals.length > 1 ? (
            <div class="inline-form">
              <div>
                <label for="goal-select">Goal</label>
                <select id="goal-select" value={goal.goal.id} onChange={(e) => setGoalId(e.currentTarget.value)}>
                  {report.goals.map((candidate) => (
                    <option key={candidate.goal.id} value={candidate.goal.id}>
                      {candidate.goal.title}
                      {candidate.goal.id === report.primaryGoal ? ' (primary)' : ''}
                    </option>
                  ))}
                </select>
              </div>
            </div>
          ) : null}
          <h3 class="section-title">Ranked against the goal “{goal.goal.title}”</h3>
          {goal.points.length === 0 ? (
            <p class="muted">No hesitation recorded yet.</p>
          ) : (
            <>
              <ScoreChart points={goal.points} title="Score: how many more sessions abandon because buyers hesitate there (the cautious end of the interval)" />
              <PointsTable points={goal.points} />
            </>
          )}
        </>
      )}
      <Suggestions {...props} />
      <Thresholds runs={props.runs} />
    </>
  );
}

function PointsTable({ points }: { points: HesitationPoint[] }) {
  const domain = intervalDomain(points.map((point) => point.interval));
  return (
    <div class="table-wrap">
      <table class="points">
        <caption>Abandonment among sessions that hesitated at the element against the sessions that reached it without hesitating.</caption>
        <thead>
          <tr>
            <th scope="col" class="num">
              Rank
            </th>
            <th scope="col">Element</th>
            <th scope="col">Verdict</th>
            <th scope="col" class="num">
              Hesitated / reached
            </th>
            <th scope="col" class="num">
              Abandon: hesitaters vs others
            </th>
            <th scope="col">Difference (95% interval)</th>
            <th scope="col" class="num">
              Stall median / p75 / p90
            </th>
            <th scope="col" class="num">
              Score
            </th>
          </tr>
        </thead>
        <tbody>
          {points.map((point, i) => (
            <tr key={`${point.page} ${point.el}`}>
              <td class="num">{i + 1}</td>
              <td>
                <div class="stack">
                  <code>{point.el}</code>
                  <span class="small muted">{point.page}</span>
                </div>
              </td>
              <td>
                <HesitationBadge verdict={point.verdict} />
              </td>
              <td class="num">
                {count(point.hesitated)} / {count(point.reached)}
              </td>
              <td class="num">
                {percent(point.abandonHesitated)} vs {percent(point.abandonOther)}
                {point.ratio !== undefined && point.verdict === 'significant' ? <div class="small muted">{point.ratio.toFixed(1)}× as often</div> : null}
              </td>
              <td>
                {point.difference !== undefined && point.interval ? (
                  <IntervalBar estimate={point.difference} low={point.interval.low} high={point.interval.high} domain={domain} tone={point.verdict === 'significant' ? 'bad' : 'neutral'} label={intervalLabel(point.difference, point.interval)} />
                ) : (
                  <span class="small muted">Not enough data: needs 30 sessions in each group</span>
                )}
              </td>
              <td class="num nowrap">
                {seconds(point.durations.median)} / {seconds(point.durations.p75)} / {seconds(point.durations.p90)}
              </td>
              <td class="num">{point.verdict === 'not_enough_data' ? '—' : point.score.toFixed(1)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Suggestions({ api, site, report, guides, canEdit, onSaved }: { api: DashboardApi; site: Site; report: AnalysisReport; guides: GuideRecord[]; canEdit: boolean; onSaved: () => void }) {
  const [run, busy, outcome] = useAction();
  const existing = new Set(guides.map((guide) => guide.id));
  const create = (suggestion: Suggestion) =>
    void run(async () => {
      await api.saveDraft(site.id, suggestion.draft);
      onSaved();
      return `Draft “${suggestion.draft.name}” saved. Edit its text, then publish it under Guides.`;
    });
  return (
    <section aria-labelledby="suggestions-heading">
      <h3 id="suggestions-heading" class="section-title">
        Suggestions
      </h3>
      {report.suggestions.length === 0 ? (
        <p class="muted">No suggestions: every stall that costs conversions already has a guide, or none does.</p>
      ) : (
        <ul class="suggestions">
          {report.suggestions.map((suggestion) => (
            <li key={suggestion.draft.id}>
              <div class="stack">
                <strong>
                  A tooltip at <code>{suggestion.el}</code> on {suggestion.page}
                </strong>
                <span class="small muted">
                  {count(suggestion.evidence.hesitated)} sessions hesitate there; they abandon {percent(suggestion.evidence.abandonHesitated)} of the time against {percent(suggestion.evidence.abandonOther)}. It shows after a stall past the auto threshold, with a {suggestion.draft.rule?.holdout ?? 0}% holdout to measure it.
                </span>
              </div>
              {canEdit ? (
                existing.has(suggestion.draft.id) ? (
                  <a href={hrefOf({ page: 'site', siteId: site.id, section: 'guides' })}>Draft created: see Guides</a>
                ) : (
                  <button type="button" class="secondary" disabled={busy} onClick={() => create(suggestion)} aria-label={`Create draft guide at ${suggestion.el}`}>
                    Create draft guide
                  </button>
                )
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {outcome}
    </section>
  );
}

function Thresholds({ runs }: { runs: AnalysisRun[] }) {
  const rows = runs.flatMap((run) => run.thresholds.map((threshold) => ({ runAt: run.runAt, ...threshold })));
  return (
    <section aria-labelledby="thresholds-heading">
      <h3 id="thresholds-heading" class="section-title">
        Auto thresholds
      </h3>
      {rows.length === 0 ? (
        <p class="muted">No guide uses an automatic hesitation threshold yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>How long a buyer stalls before a guide with threshold "auto" shows, as each run set it (newest first).</caption>
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Guide</th>
                <th scope="col">Element</th>
                <th scope="col" class="num">
                  Threshold
                </th>
                <th scope="col" class="num">
                  Previous
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={`${row.runAt} ${row.guide}`}>
                  <td>{dateTime(row.runAt)}</td>
                  <td class="mono small">{row.guide}</td>
                  <td>
                    <code>{row.el}</code>
                  </td>
                  <td class="num">{row.ms === undefined ? <span class="muted">kept (too little data)</span> : seconds(row.ms)}</td>
                  <td class="num">{seconds(row.previousMs)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
