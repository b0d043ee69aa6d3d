import { AUDIENCE_KINDS, MAX_CONDITIONS, newCondition, opTakesList, opTakesValue, TRAIT_OPS, type ConditionFields } from './audience';
import type { GuideFields } from './guide-fields';
import type { UpdateFields } from './guide-form';

const VISITORS = [
  ['new', 'New visitor (first visit)'],
  ['returning', 'Returning visitor'],
] as const;
const DEVICES = [
  ['desktop', 'Desktop'],
  ['tablet', 'Tablet'],
  ['mobile', 'Mobile'],
] as const;

/**
 * "Who sees it": everyone, or buyers for whom every condition holds — account and user traits (what
 * the site sends with group() and identify()), new or returning, device, language, or one of the
 * site's named segments. `kept` counts conditions set outside the editor, which stay as they are.
 */
export function AudienceFields({ fields, update, segments, kept }: { fields: GuideFields; update: UpdateFields; segments: readonly string[]; kept: number }) {
  const rows = fields.conditions;
  const setRows = (conditions: ConditionFields[]) => update({ conditions });
  const change = (index: number, patch: Partial<ConditionFields>) => setRows(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  const some = fields.audience === 'some';
  return (
    <fieldset>
      <legend>Who sees it</legend>
      <label class="check">
        <input type="radio" name="wm-audience" value="everyone" checked={!some} onChange={() => update({ audience: 'everyone' })} />
        Everyone
      </label>
      <label class="check">
        <input
          type="radio"
          name="wm-audience"
          value="some"
          checked={some}
          onChange={() => update({ audience: 'some', conditions: rows.length ? rows : [newCondition('account_trait')] })}
        />
        Only buyers who match all of these
      </label>
      {some ? (
        <>
          <p class="muted" id="wm-audience-hint">
            Account traits are what your site sends with <code class="name">group()</code>, user traits with <code class="name">identify()</code>.
          </p>
          <ol class="steps">
            {rows.map((row, i) => (
              <li key={i}>
                <ConditionRow row={row} n={i + 1} segments={segments} onChange={(patch) => change(i, patch)} />
                <div class="row">
                  <button type="button" class="secondary small" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                    Remove condition {i + 1}
                  </button>
                </div>
              </li>
            ))}
          </ol>
          {rows.length === 0 ? <p class="muted">No conditions yet: everyone sees it.</p> : null}
          {rows.length + kept < MAX_CONDITIONS ? (
            <button type="button" class="secondary" onClick={() => setRows([...rows, newCondition('account_trait')])}>
              Add a condition
            </button>
          ) : null}
        </>
      ) : null}
      {kept > 0 ? (
        <p class="muted">
          Also {kept === 1 ? 'one condition' : `${kept} conditions`} set outside the editor (events done, elements present), kept as saved.
        </p>
      ) : null}
    </fieldset>
  );
}

function ConditionRow({ row, n, segments, onChange }: { row: ConditionFields; n: number; segments: readonly string[]; onChange: (patch: Partial<ConditionFields>) => void }) {
  const id = `wm-condition-${n}`;
  // A segment row from a draft keeps its name even if the site no longer has it (publishing then says so).
  const segmentNames = row.if === 'segment' && row.value && !segments.includes(row.value) ? [...segments, row.value] : segments;
  const kinds = AUDIENCE_KINDS.filter(([kind]) => kind !== 'segment' || segmentNames.length > 0);
  const trait = row.if === 'account_trait' || row.if === 'user_trait';
  return (
    <fieldset class="condition">
      <legend>Condition {n}</legend>
      <label for={`${id}-kind`}>Based on</label>
      <select id={`${id}-kind`} value={row.if} onChange={(e) => onChange(newCondition(e.currentTarget.value as ConditionFields['if'], segmentNames))}>
        {kinds.map(([kind, label]) => (
          <option key={kind} value={kind}>
            {label}
          </option>
        ))}
      </select>
      {trait ? (
        <>
          <label for={`${id}-key`}>Trait name</label>
          <input id={`${id}-key`} value={row.key} required maxLength={64} placeholder="tier" aria-describedby="wm-audience-hint" onInput={(e) => onChange({ key: e.currentTarget.value })} />
          <label for={`${id}-op`}>Comparison</label>
          <select id={`${id}-op`} value={row.op} onChange={(e) => onChange({ op: e.currentTarget.value as ConditionFields['op'] })}>
            {TRAIT_OPS.map(([op, label]) => (
              <option key={op} value={op}>
                {label}
              </option>
            ))}
          </select>
          {opTakesValue(row.op) ? (
            <>
              <label for={`${id}-value`}>{opTakesList(row.op) ? 'Values (comma separated)' : 'Value'}</label>
              <input id={`${id}-value`} value={row.value} required maxLength={opTakesList(row.op) ? 5000 : 512} placeholder={opTakesList(row.op) ? 'gold, platinum' : 'gold'} onInput={(e) => onChange({ value: e.currentTarget.value })} />
            </>
          ) : null}
        </>
      ) : null}
      {row.if === 'visitor' ? <Choice id={`${id}-value`} label="Visitor" value={row.value} options={VISITORS} onChange={(value) => onChange({ value })} /> : null}
      {row.if === 'device' ? <Choice id={`${id}-value`} label="Device is" value={row.value} options={DEVICES} onChange={(value) => onChange({ value })} /> : null}
      {row.if === 'locale' ? (
        <>
          <label for={`${id}-value`}>Languages (comma separated)</label>
          <input id={`${id}-value`} value={row.value} required maxLength={500} placeholder="de, en-GB" aria-describedby={`${id}-locale-hint`} onInput={(e) => onChange({ value: e.currentTarget.value })} />
          <p class="muted" id={`${id}-locale-hint`}>
            The browser’s language: “de” also matches de-AT and de-CH.
          </p>
        </>
      ) : null}
      {row.if === 'segment' ? <Choice id={`${id}-value`} label="Segment" value={row.value} options={segmentNames.map((name) => [name, name] as const)} onChange={(value) => onChange({ value })} /> : null}
    </fieldset>
  );
}

function Choice({ id, label, value, options, onChange }: { id: string; label: string; value: string; options: readonly (readonly [string, string])[]; onChange: (value: string) => void }) {
  return (
    <>
      <label for={id}>{label}</label>
      <select id={id} value={value} required onChange={(e) => onChange(e.currentTarget.value)}>
        {options.map(([option, text]) => (
          <option key={option} value={option}>
            {text}
          </option>
        ))}
      </select>
    </>
  );
}
