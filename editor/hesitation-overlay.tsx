import { useEffect, useState } from 'preact/hooks';
import type { AnalysisReport } from '../collector/analysis/report';
import { resolveDescriptor } from '../sdk/track/descriptor';
import type { EditorApi } from './api';
import { markersForPage, type PageMarker } from './page-markers';

/** A marker whose element is on the page now. */
export interface PlacedMarker extends PageMarker {
  element: Element;
}

export type Overlay =
  | { status: 'off' }
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'ready'; report: AnalysisReport | null; placed: PlacedMarker[]; missing: PageMarker[] };

/**
 * The hesitation overlay's data: when switched on, the latest analysis from the collector, narrowed
 * to this page's points on the primary goal, each resolved to its element (descriptors are CSS
 * selectors, see sdk/track/descriptor.ts). Points whose element is not on the page now are listed.
 */
export function useHesitationOverlay(api: EditorApi, siteId: string | undefined, describeError: (error: unknown) => string) {
  const [on, setOn] = useState(false);
  const [overlay, setOverlay] = useState<Overlay>({ status: 'off' });

  useEffect(() => {
    if (!on || !siteId) return setOverlay({ status: 'off' });
    let current = true;
    setOverlay({ status: 'loading' });
    api.insights(siteId).then(
      ({ report }) => {
        if (!current) return;
        const placed: PlacedMarker[] = [];
        const missing: PageMarker[] = [];
        for (const marker of markersForPage(report, location.pathname)) {
          const element = resolveDescriptor(marker.point.el);
          if (element) placed.push({ ...marker, element });
          else missing.push(marker);
        }
        setOverlay({ status: 'ready', report, placed, missing });
      },
      (error: unknown) => current && setOverlay({ status: 'failed', message: describeError(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, siteId, on, describeError]);

  return { on, setOn, overlay };
}

/** The panel's switch and what the overlay found, in words (the markers themselves are visual). */
export function HesitationToggle({ on, setOn, overlay }: ReturnType<typeof useHesitationOverlay>) {
  return (
    <div class="overlay-toggle">
      <label class="check">
        <input type="checkbox" checked={on} onChange={(e) => setOn(e.currentTarget.checked)} /> Show hesitation points
      </label>
      {overlay.status === 'loading' ? <p class="muted">Loading the latest analysis…</p> : null}
      {overlay.status === 'failed' ? (
        <p class="error" role="alert">
          {overlay.message}
        </p>
      ) : null}
      {overlay.status === 'ready' ? <OverlaySummary overlay={overlay} /> : null}
    </div>
  );
}

function OverlaySummary({ overlay }: { overlay: Extract<Overlay, { status: 'ready' }> }) {
  const { report, placed, missing } = overlay;
  const goal = report?.goals.find((candidate) => candidate.goal.id === report.primaryGoal)?.goal;
  let text: string;
  if (!report) text = 'No analysis yet. The collector runs one every hour once buyers’ events arrive.';
  else if (!goal) text = 'Add a goal (such as “order placed”) so the analysis can tell which hesitation costs orders.';
  else if (placed.length + missing.length === 0) text = `No hesitation points on this page for the goal “${goal.title}”.`;
  else text = `${placed.length + missing.length} hesitation point${placed.length + missing.length === 1 ? '' : 's'} on this page, measured against “${goal.title}” over ${report.sessions.toLocaleString('en')} sessions.`;
  return (
    <>
      <p class="muted" role="status">
        {text}
      </p>
      {missing.length > 0 ? (
        <p class="muted">
          Not on the page right now:{' '}
          {missing.map((marker, i) => (
            <>
              {i > 0 ? ', ' : ''}
              <code>{marker.point.el}</code>
            </>
          ))}
        </p>
      ) : null}
    </>
  );
}
