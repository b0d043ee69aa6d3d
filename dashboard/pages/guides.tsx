import type { GuideImpact } from '../../collector/analysis/guide-impact';
import type { DashboardApi, GuideRecord, GuideState, RulesetVersion, Site } from '../api';
import { intervalDomain, IntervalBar, intervalLabel } from '../chart';
import { Badge, Loading, Notice, useAction } from '../components';
import { count, dateTime, percent, points } from '../format';
import { useLoad } from '../load';
import { useSearch } from '../router';
import { ImpactBadge, isPaused, primaryGoalReport } from '../verdicts';
import { answersHref, SurveyAnswersCard } from './survey-answers';

/**
 * Guides with where each stands (draft, published, paused by the analysis) and what the latest
 * analysis measured: sessions shown against held out, conversion of each, lift with its interval.
 * Survey guides link to their answers (?answers=<guide id>), shown below the table.
 */
export function GuidesSection({ api, site, canEdit }: { api: DashboardApi; site: Site; canEdit: boolean }) {
  const answersOf = useSearch().get('answers');
  const loaded = useLoad(() => Promise.all([api.guides(site.id), api.insights(site.id), api.revisions(site.id)]), [api, site.id]);
  const [run, busy, outcome] = useAction();
  const act = (work: () => Promise<string>) =>
    void run(async () => {
      const text = await work();
      loaded.reload();
      return text;
    });

  return (
    <Loading loaded={loaded} what="guides">
      {([guides, insights, revisions]) => {
        const goal = insights.report ? primaryGoalReport(insights.report) : undefined;
        const impacts = new Map(goal?.guides.map((impact) => [impact.guide, impact]));
        const states = new Map(insights.guideStates.map((state) => [state.guide, state]));
        const domain = intervalDomain(goal?.guides.map((impact) => impact.interval) ?? []);
        const answered = answersOf ? guides.find((guide) => guide.id === answersOf) : undefined;
        return (
          <>
            <section class="card" aria-labelledby="guides-heading">
              <h2 id="guides-heading">Guides</h2>
              {outcome}
              {guides.length === 0 ? (
                <p class="muted">No guides yet. Open the visual editor on your site, or create a draft from a suggestion under Hesitation points.</p>
              ) : (
                <div class="table-wrap">
                  <table>
                    <caption>
                      {insights.report && goal
                        ? `Impact on the goal “${goal.goal.title}”, from the analysis of ${dateTime(insights.report.runAt)}: buyers who saw each guide against the holdout who did not.`
                        : 'Impact appears once goals are set and the analysis has run.'}
                    </caption>
                    <thead>
                      <tr>
                        <th scope="col">Guide</th>
                        <th scope="col">Status</th>
                        <th scope="col" class="num">
                          Shown / holdout
                        </th>
                        <th scope="col" class="num">
                          Conversion
                        </th>
                        <th scope="col">Lift (95% interval)</th>
                        <th scope="col">Verdict</th>
                        {canEdit ? <th scope="col">Actions</th> : null}
                      </tr>
                    </thead>
                    <tbody>
                      {guides.map((guide) => (
                        <GuideRow key={guide.id} guide={guide} state={states.get(guide.id)} impact={impacts.get(guide.id)} domain={domain} canEdit={canEdit} busy={busy} answersHref={answersHref(site, guide.id)}
                          onPublish={() => act(async () => `Published ${guide.draft.name} (revision ${(await api.publish(site.id, [guide.id])).revision}).`)}
                          onResume={() => act(async () => `Resumed ${guide.draft.name}: it is live again (revision ${(await api.resume(site.id, guide.id)).revision}), and the analysis will not pause it again.`)}
                        />
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
            {answered ? <SurveyAnswersCard api={api} site={site} guide={answered} /> : answersOf ? <Notice kind="error">No guide “{answersOf}” on this site.</Notice> : null}
            <Revisions revisions={revisions} canEdit={canEdit} busy={busy} onRollback={(revision) => act(async () => `Rolled back: revision ${revision} is live again as revision ${(await api.rollback(site.id, revision)).revision}.`)} />
          </>
        );
      }}
    </Loading>
  );
}

function GuideRow(props: { guide: GuideRecord; state?: GuideState | undefined; impact?: GuideImpact | undefined; domain: number; canEdit: boolean; busy: boolean; answersHref: string; onPublish: () => void; onResume: () => void }) {
  const { guide, state, impact } = props;
  const paused = isPaused(state);
  const changed = guide.published !== undefined && JSON.stringify(guide.published) !== JSON.stringify(guide.draft);
  return (
    <tr>
      <td>
        <div class="stack">
          <strong>{guide.draft.name}</strong>
          <span class="small muted mono">{guide.id}</span>
          {guide.draft.type === 'survey' || guide.published?.type === 'survey' ? (
            <a href={props.answersHref} class="small" aria-label={`Answers to ${guide.draft.name}`}>
              Answers
            </a>
          ) : null}
        </div>
      </td>
      <td>
        <div class="stack">
          {paused ? (
            <Badge tone="bad">Paused by analysis</Badge>
          ) : guide.published ? (
            <Badge tone="good">Published</Badge>
          ) : (
            <Badge tone="neutral">Draft</Badge>
          )}
          {paused && state?.paused ? <span class="small muted">{state.paused.reason}</span> : null}
          {changed ? <span class="small muted">Draft has unpublished changes</span> : null}
        </div>
      </td>
      <td class="num">{impact ? `${count(impact.shown.sessions)} / ${count(impact.holdout.sessions)}` : '—'}</td>
      <td class="num">{impact ? `${percent(impact.shown.rate)} vs ${percent(impact.holdout.rate)}` : '—'}</td>
      <td>
        {impact?.lift !== undefined && impact.interval ? (
          <div class="stack">
            <IntervalBar estimate={impact.lift} low={impact.interval.low} high={impact.interval.high} domain={props.domain} tone={impact.verdict === 'helps' ? 'good' : impact.verdict === 'hurts' ? 'bad' : 'neutral'} label={intervalLabel(impact.lift, impact.interval)} />
            <span class="small">
              {points(impact.lift)} <span class="muted">({points(impact.interval.low)} to {points(impact.interval.high)})</span>
            </span>
          </div>
        ) : (
          <span class="muted small">{impact ? 'Needs 30 sessions in each group' : 'Not measured yet'}</span>
        )}
      </td>
      <td>{impact ? <ImpactBadge verdict={impact.verdict} /> : <span class="muted">—</span>}</td>
      {props.canEdit ? (
        <td>
          <div class="actions">
            {paused ? (
              <button type="button" class="small" disabled={props.busy} onClick={props.onResume} aria-label={`Resume ${guide.draft.name}`}>
                Resume
              </button>
            ) : null}
            {!guide.published || changed ? (
              <button type="button" class="small secondary" disabled={props.busy} onClick={props.onPublish} aria-label={`Publish ${guide.draft.name}`}>
                Publish
              </button>
            ) : null}
          </div>
        </td>
      ) : null}
    </tr>
  );
}

function Revisions({ revisions, canEdit, busy, onRollback }: { revisions: RulesetVersion[]; canEdit: boolean; busy: boolean; onRollback: (revision: number) => void }) {
  return (
    <section class="card" aria-labelledby="revisions-heading">
      <h2 id="revisions-heading">Published revisions</h2>
      {revisions.length === 0 ? (
        <p class="muted">Nothing published yet.</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>Newest first. Rolling back publishes an older revision again as the next one.</caption>
            <thead>
              <tr>
                <th scope="col">Revision</th>
                <th scope="col">Published</th>
                <th scope="col">Guides</th>
                {canEdit ? <th scope="col">Actions</th> : null}
              </tr>
            </thead>
            <tbody>
              {revisions.slice(0, 10).map((version, i) => (
                <tr key={version.revision}>
                  <td>
                    {version.revision} {i === 0 ? <Badge tone="good">Live</Badge> : null}
                  </td>
                  <td>{dateTime(version.publishedAt)}</td>
                  <td class="mono small">{version.guides.length > 0 ? version.guides.join(', ') : <span class="muted">none</span>}</td>
                  {canEdit ? (
                    <td>
                      {i > 0 ? (
                        <button type="button" class="small secondary" disabled={busy} onClick={() => onRollback(version.revision)}>
                          Roll back to revision {version.revision}
                        </button>
                      ) : null}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
