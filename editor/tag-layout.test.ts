import { describe, expect, it } from 'vitest';
import { stackTags, tagAnchor, TAG_WIDTH } from './tag-layout';

describe('evidence tag layout', () => {
  it('puts the tag right of the element when it fits, else below it', () => {
    const rect = (left: number, width: number) => ({ left, right: left + width, top: 100, bottom: 140, width, height: 40 }) as DOMRect;
    expect(tagAnchor(rect(100, 500), 1280)).toEqual({ left: 608, top: 96 });
    expect(tagAnchor(rect(100, 1100), 1280)).toEqual({ left: 100, top: 146 });
  });

  it('moves overlapping tags down in order, leaving tags side by side alone', () => {
    expect(stackTags([{ left: 0, top: 10, height: 80 }, { left: 0, top: 50, height: 80 }])).toEqual([10, 96]);
    // Out of order on input, and a chain: each pushes the next.
    expect(stackTags([{ left: 0, top: 60, height: 40 }, { left: 0, top: 0, height: 100 }, { left: 0, top: 120, height: 40 }])).toEqual([106, 0, 152]);
    expect(stackTags([{ left: 0, top: 10, height: 80 }, { left: TAG_WIDTH, top: 10, height: 80 }])).toEqual([10, 10]);
  });
});
