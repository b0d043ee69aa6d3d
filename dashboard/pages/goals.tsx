import { useState } from 'preact/hooks';
import type { DashboardApi, Goal, NewGoal, Site } from '../api';
import { Loading, useAction } from '../components';
import { useLoad } from '../load';

const describe = (goal: Goal) =>
  goal.type === 'event' ? (
    <>
      event <code>{goal.name}</code>
    </>
  ) : goal.type === 'page' ? (
    <>
      page {goal.url.match} <code>{goal.url.value}</code>
    </>
  ) : (
    <>
      click on <code>{goal.el}</code>
    </>
  );

/** A goal id from its title: what PUT /v1/sites/{id}/goals/{goalId} accepts (lowercase, digits, _ and -). */
export const goalIdOf = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64);

/** What counts as a conversion. The first goal is the one the analysis acts on (thresholds, pauses, suggestions). */
export function GoalsSection({ api, site, canEdit }: { api: DashboardApi; site: Site; canEdit: boolean }) {
  const goals = useLoad(() => api.goals(site.id), [api, site.id]);
  const [run, busy, outcome] = useAction();
  const remove = (goal: Goal) =>
    void run(async () => {
      await api.deleteGoal(site.id, goal.id);
      goals.reload();
      return `Deleted the goal “${goal.title}”.`;
    });
  return (
    <div class="grid-2">
      <section class="card" aria-labelledby="goals-heading">
        <h2 id="goals-heading">Goals</h2>
        <Loading loaded={goals} what="goals">
          {(list) =>
            list.length === 0 ? (
              <p class="muted">No goals yet. Add one: the analysis measures hesitation and guides against goals.</p>
            ) : (
              <div class="table-wrap">
                <table>
                  <caption>The first goal is the primary one: auto thresholds, pauses and suggestions are measured against it.</caption>
                  <thead>
                    <tr>
                      <th scope="col">Goal</th>
                      <th scope="col">Reached by</th>
                      {canEdit ? <th scope="col">Actions</th> : null}
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((goal) => (
                      <tr key={goal.id}>
                        <td>
                          <div class="stack">
                            <strong>{goal.title}</strong>
                            <span class="small muted mono">{goal.id}</span>
                          </div>
                        </td>
                        <td>{describe(goal)}</td>
                        {canEdit ? (
                          <td>
                            <button type="button" class="small danger" disabled={busy} onClick={() => remove(goal)} aria-label={`Delete goal ${goal.title}`}>
                              Delete
                            </button>
                          </td>
                        ) : null}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </Loading>
        {outcome}
      </section>
      {canEdit ? <NewGoalForm api={api} site={site} onSaved={goals.reload} /> : null}
    </div>
  );
}

function NewGoalForm({ api, site, onSaved }: { api: DashboardApi; site: Site; onSaved: () => void }) {
  const [title, setTitle] = useState('');
  const [type, setType] = useState<Goal['type']>('event');
  const [value, setValue] = useState('');
  const [match, setMatch] = useState<'exact' | 'prefix' | 'glob' | 'regex'>('exact');
  const [run, busy, outcome] = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    const goal: NewGoal = type === 'event' ? { title, type, name: value } : type === 'page' ? { title, type, url: { match, value } } : { title, type, el: value };
    void run(async () => {
      const saved = await api.saveGoal(site.id, goalIdOf(title) || 'goal', goal);
      setTitle('');
      setValue('');
      onSaved();
      return `Saved the goal “${saved.title}”.`;
    });
  };
  const valueLabel = type === 'event' ? 'Event name' : type === 'page' ? 'Page URL' : 'Element';
  const valueHint = type === 'event' ? 'A custom event your site tracks, like order_placed.' : type === 'page' ? 'The page that means success, like /thank-you.' : 'A CSS selector of the element clicked, like #request-quote.';
  return (
    <section class="card" aria-labelledby="new-goal-heading">
      <h2 id="new-goal-heading">Add a goal</h2>
      <form onSubmit={submit}>
        <label for="goal-title">Title</label>
        <input id="goal-title" required maxLength={120} value={title} onInput={(e) => setTitle(e.currentTarget.value)} aria-describedby="goal-title-hint" />
        <p class="hint" id="goal-title-hint">
          {title ? (
            <>
              Saved as <code>{goalIdOf(title) || 'goal'}</code>; the same title replaces it.
            </>
          ) : (
            'Like “Order placed”.'
          )}
        </p>
        <label for="goal-type">Reached by</label>
        <select id="goal-type" value={type} onChange={(e) => setType(e.currentTarget.value as Goal['type'])}>
          <option value="event">A custom event</option>
          <option value="page">Visiting a page</option>
          <option value="click">Clicking an element</option>
        </select>
        {type === 'page' ? (
          <>
            <label for="goal-match">URL match</label>
            <select id="goal-match" value={match} onChange={(e) => setMatch(e.currentTarget.value as typeof match)}>
              <option value="exact">Exactly</option>
              <option value="prefix">Starts with</option>
              <option value="glob">Pattern (* wildcards)</option>
              <option value="regex">Regular expression</option>
            </select>
          </>
        ) : null}
        <label for="goal-value">{valueLabel}</label>
        <input id="goal-value" required value={value} onInput={(e) => setValue(e.currentTarget.value)} aria-describedby="goal-value-hint" />
        <p class="hint" id="goal-value-hint">
          {valueHint}
        </p>
        <div class="actions">
          <button type="submit" disabled={busy}>
            Add goal
          </button>
        </div>
      </form>
      {outcome}
    </section>
  );
}
