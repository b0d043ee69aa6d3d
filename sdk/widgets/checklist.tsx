import type { ChecklistItem } from '../core/schema/content';

/** A checklist's tasks; pressing one ticks it. Ticks persist through the host's progress store. */
export function Checklist({ items, done, onTick }: { items: ChecklistItem[]; done: number[]; onTick: (index: number) => void }) {
  return (
    <ul class="wm-checklist">
      {items.map((item, index) => {
        const ticked = done.includes(index);
        return (
          <li key={index}>
            <button type="button" class="wm-item" role="checkbox" aria-checked={ticked} onClick={() => !ticked && onTick(index)}>
              <span class="wm-tick" aria-hidden="true">
                {ticked ? '✓' : ''}
              </span>
              <span class="wm-label">{item.label}</span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
