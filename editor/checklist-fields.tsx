import { MAX_LABEL_LENGTH, MAX_TASKS, newTask, taskProblems, type TaskFields } from './guide-fields';

/**
 * A checklist's tasks, one row each: what the buyer should do, and optionally a link (a page of
 * this site or a full address) and an event name recorded when they tick it. Blank rows are left
 * out when saved; a link or event name the collector would refuse is marked here, and the form
 * does not save until it is fixed.
 */
export function ChecklistFields({ tasks, pageUrl, onChange }: { tasks: TaskFields[]; pageUrl: string; onChange: (tasks: TaskFields[]) => void }) {
  const change = (index: number, patch: Partial<TaskFields>) => onChange(tasks.map((task, i) => (i === index ? { ...task, ...patch } : task)));
  return (
    <fieldset>
      <legend>Tasks</legend>
      <p class="muted" id="wm-tasks-hint">
        Buyers tick a task by pressing it. A link takes them there (a page of your site such as <code class="name">/quote.html</code>, or a full address); an event name records the tick under that name.
      </p>
      <ol class="steps">
        {tasks.map((task, i) => (
          <li key={i}>
            <TaskRow task={task} n={i + 1} problems={taskProblems(task, pageUrl)} onChange={(patch) => change(i, patch)} />
            <div class="row">
              <button type="button" class="secondary small" onClick={() => onChange(tasks.filter((_, j) => j !== i))}>
                Remove task {i + 1}
              </button>
            </div>
          </li>
        ))}
      </ol>
      {tasks.length < MAX_TASKS ? (
        <button type="button" class="secondary" onClick={() => onChange([...tasks, newTask()])}>
          Add task
        </button>
      ) : (
        <p class="muted">A checklist has at most {MAX_TASKS} tasks.</p>
      )}
    </fieldset>
  );
}

function TaskRow({ task, n, problems, onChange }: { task: TaskFields; n: number; problems: ReturnType<typeof taskProblems>; onChange: (patch: Partial<TaskFields>) => void }) {
  const id = `wm-task-${n}`;
  return (
    <>
      <label for={id}>Task {n}</label>
      <input id={id} value={task.label} maxLength={MAX_LABEL_LENGTH} {...invalid(problems.label, `${id}-error`)} onInput={(e) => onChange({ label: e.currentTarget.value })} />
      <Problem id={`${id}-error`} text={problems.label} />
      {/* "Link" and "Event" are seen under "Task n"; the hidden words keep each row's names apart for screen readers. */}
      <label for={`${id}-link`}>
        <span class="sr-only">Task {n} </span>Link
      </label>
      <input id={`${id}-link`} value={task.link} maxLength={2048} placeholder="Optional, e.g. /quote.html" {...invalid(problems.link, `${id}-link-error`)} onInput={(e) => onChange({ link: e.currentTarget.value })} />
      <Problem id={`${id}-link-error`} text={problems.link} />
      <label for={`${id}-event`}>
        <span class="sr-only">Task {n} </span>Event
      </label>
      <input id={`${id}-event`} value={task.event} maxLength={64} placeholder="Optional, e.g. quote_started" {...invalid(problems.event, `${id}-event-error`)} onInput={(e) => onChange({ event: e.currentTarget.value })} />
      <Problem id={`${id}-event-error`} text={problems.event} />
    </>
  );
}

/** A field's error, tied to it (aria-invalid, aria-describedby) so it is read with the field. */
const invalid = (problem: string | undefined, errorId: string) => (problem ? { 'aria-invalid': true, 'aria-describedby': errorId } : { 'aria-describedby': 'wm-tasks-hint' });

function Problem({ id, text }: { id: string; text: string | undefined }) {
  return text ? (
    <p class="error field-error" id={id}>
      {text}
    </p>
  ) : null;
}
