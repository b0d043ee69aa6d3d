/** The evidence tags are this wide (styles.ts, .marker-tag). */
export const TAG_WIDTH = 240;
const GAP = 6;

export interface TagSpot {
  left: number;
  top: number;
  height: number;
}

/**
 * Where a marker's evidence tag goes: right of the element when it fits in the viewport, else below.
 *
 * @example tagAnchor(element.getBoundingClientRect(), innerWidth) // { left: rect.right + 8, top: rect.top - 4 }
 */
export function tagAnchor(rect: DOMRect, viewportWidth: number): { left: number; top: number } {
  return rect.right + 8 + TAG_WIDTH <= viewportWidth ? { left: rect.right + 8, top: Math.max(4, rect.top - 4) } : { left: Math.max(4, rect.left), top: rect.bottom + GAP };
}

/**
 * Tops for tags so none covers another: fields sit close together in a form, and their tags would
 * stack on top of each other. Tags keep their order from the top and only ever move down.
 *
 * @example stackTags([{ left: 0, top: 10, height: 80 }, { left: 0, top: 50, height: 80 }]) // [10, 96]
 */
export function stackTags(tags: TagSpot[]): number[] {
  const tops = tags.map((tag) => tag.top);
  const placed: number[] = [];
  for (const i of tags.map((_, index) => index).sort((a, b) => tags[a]!.top - tags[b]!.top)) {
    for (let moved = true; moved; ) {
      moved = false;
      for (const j of placed) {
        const sideBySide = Math.abs(tags[i]!.left - tags[j]!.left) >= TAG_WIDTH;
        if (!sideBySide && tops[i]! < tops[j]! + tags[j]!.height + GAP && tops[j]! < tops[i]! + tags[i]!.height + GAP) {
          tops[i] = tops[j]! + tags[j]!.height + GAP;
          moved = true;
        }
      }
    }
    placed.push(i);
  }
  return tops;
}
