import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { useElementRects } from './follow-elements';
import type { PlacedMarker } from './hesitation-overlay';
import { percent, seconds } from './page-markers';
import { stackTags, tagAnchor } from './tag-layout';

const VERDICTS = { significant: 'Costs orders', no_effect: 'No measurable effect', not_enough_data: 'Not enough data' } as const;

/**
 * One box over each hesitation point's element, drawn in the editor's own layer (never on the
 * page's elements, so the host layout cannot change), with the evidence next to it and, where the
 * analysis suggested a guide, the button that saves that draft and opens it in the form.
 */
export function HesitationMarkers({ placed, busy, onCreateDraft }: { placed: PlacedMarker[]; busy: boolean; onCreateDraft: (marker: PlacedMarker) => void }) {
  const elements = useMemo(() => placed.map((marker) => marker.element), [placed]);
  const rects = useElementRects(elements);
  // Tags are measured after they render, then moved apart where they would cover each other.
  const tags = useRef<(HTMLDivElement | null)[]>([]);
  const [heights, setHeights] = useState<number[]>([]);
  useLayoutEffect(() => {
    const measured = placed.map((_, i) => tags.current[i]?.offsetHeight ?? 0);
    if (measured.some((height, i) => height !== heights[i])) setHeights(measured);
  });
  // Hidden elements (display: none, detached) have no box to mark.
  const shown = rects.map((rect) => rect.width > 0 || rect.height > 0);
  const anchors = rects.map((rect) => tagAnchor(rect, innerWidth));
  const tops = stackTags(anchors.map((anchor, i) => ({ ...anchor, height: shown[i] ? (heights[i] ?? 0) : 0 })));
  return (
    <div class="hesitation-layer">
      {placed.map((marker, i) =>
        rects[i] && shown[i] ? (
          <Marker
            key={marker.point.page + marker.point.el}
            marker={marker}
            rect={rects[i]}
            tag={{ left: `${anchors[i]!.left}px`, top: `${tops[i]}px` }}
            tagRef={(element) => (tags.current[i] = element)}
            busy={busy}
            onCreateDraft={onCreateDraft}
          />
        ) : null,
      )}
    </div>
  );
}

interface MarkerProps {
  marker: PlacedMarker;
  rect: DOMRect;
  tag: { left: string; top: string };
  tagRef: (element: HTMLDivElement | null) => void;
  busy: boolean;
  onCreateDraft: (marker: PlacedMarker) => void;
}

function Marker({ marker, rect, tag, tagRef, busy, onCreateDraft }: MarkerProps) {
  const { point, rank, suggestion } = marker;
  return (
    <>
      <div class={`marker-box ${point.verdict}`} data-el={point.el} style={{ left: `${rect.left}px`, top: `${rect.top}px`, width: `${rect.width}px`, height: `${rect.height}px` }} />
      <div class={`marker-tag ${point.verdict}`} role="group" aria-label={`Hesitation point at ${point.el}`} style={tag} ref={tagRef}>
        <p class="marker-head">
          {rank !== undefined ? <span class="rank">#{rank}</span> : null}
          <strong>{VERDICTS[point.verdict]}</strong>
        </p>
        {point.verdict === 'not_enough_data' ? (
          <p>
            {point.hesitated} of {point.reached} sessions hesitated here: too few to tell.
          </p>
        ) : (
          <>
            <p>
              Score {Math.round(point.score)} · abandon {percent(point.abandonHesitated)} vs {percent(point.abandonOther)}
            </p>
            {point.durations.median !== undefined ? <p>Median stall {seconds(point.durations.median)}</p> : null}
          </>
        )}
        {suggestion ? (
          <button type="button" disabled={busy} onClick={() => onCreateDraft(marker)}>
            Create draft here
          </button>
        ) : null}
      </div>
    </>
  );
}
