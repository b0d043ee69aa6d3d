import { describe, expect, it } from 'vitest';
import * as waymark from './index';

describe('the npm API', () => {
  it('exports exactly the public surface', () => {
    // Pinned: adding or removing an export is a public API change (update docs/developers.md with it).
    expect(Object.keys(waymark).sort()).toEqual(['init']);
  });

  it('returns an instance with the documented methods', () => {
    const instance = waymark.init({ site: 'wm_test', collector: 'http://127.0.0.1:9', consent: 'required' });
    expect(Object.keys(instance).sort()).toEqual(['consent', 'destroy', 'flush', 'group', 'identify', 'on', 'page', 'reset', 'show', 'track']);
    instance.destroy();
  });
});
