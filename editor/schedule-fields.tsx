import type { GuideFields } from './guide-fields';
import type { UpdateFields } from './guide-form';
import { noScheduleEnd, scheduleFromFields, scheduleIsEmpty, type ScheduleEnd } from './schedule';

/**
 * When the guide runs: an optional start and end, each a date with an optional time, in the site's
 * time zone (the SDK compares them with the buyer's clock turned into that zone).
 */
export function ScheduleFields({ fields, update, timeZone }: { fields: GuideFields; update: UpdateFields; timeZone: string }) {
  const schedule = scheduleFromFields(fields.scheduleStart, fields.scheduleEnd);
  return (
    <fieldset aria-describedby="wm-schedule-hint">
      <legend>Schedule</legend>
      <p class="muted" id="wm-schedule-hint">
        Optional. In the site’s time zone ({timeZone}). An end date without a time includes that whole day.
      </p>
      <DateTime id="wm-start" name="Start" value={fields.scheduleStart} onChange={(scheduleStart) => update({ scheduleStart })} />
      <DateTime id="wm-end" name="End" value={fields.scheduleEnd} onChange={(scheduleEnd) => update({ scheduleEnd })} />
      {scheduleIsEmpty(schedule) ? (
        <p class="warn" role="status">
          The schedule ends before it starts: buyers would never see this guide.
        </p>
      ) : null}
      {schedule ? (
        <div class="row">
          <button type="button" class="secondary small" onClick={() => update({ scheduleStart: noScheduleEnd(), scheduleEnd: noScheduleEnd() })}>
            Clear schedule
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}

function DateTime({ id, name, value, onChange }: { id: string; name: string; value: ScheduleEnd; onChange: (value: ScheduleEnd) => void }) {
  return (
    <div class="pair">
      <div>
        <label for={`${id}-date`}>{name} date</label>
        <input id={`${id}-date`} type="date" value={value.date} onInput={(e) => onChange({ ...value, date: e.currentTarget.value })} />
      </div>
      <div>
        <label for={`${id}-time`}>{name} time</label>
        {/* A time means nothing without its date. */}
        <input id={`${id}-time`} type="time" value={value.time} disabled={!value.date} onInput={(e) => onChange({ ...value, time: e.currentTarget.value })} />
      </div>
    </div>
  );
}
