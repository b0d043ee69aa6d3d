import { uuidv7 } from '../../sdk/core/ids';
import type { TrackedEvent } from '../../sdk/core/schema/event';

/** A valid event with sensible defaults; override what the test is about. */
export function sampleEvent(overrides: Partial<TrackedEvent> = {}): TrackedEvent {
  return {
    id: uuidv7(),
    name: 'page_view',
    ts: Date.now(),
    sid: 'session-1',
    vid: 'visitor-1',
    url: 'https://shop.example/checkout',
    ...overrides,
  };
}
