/* global window, document, performance, PerformanceObserver, requestAnimationFrame */
// Runs in the benchmark page before any of its scripts (context.addInitScript). It records long
// tasks, DOMContentLoaded, when the variant's visible state is reached and when Waymark's tooltip
// is first laid out and placed, and tells the benchmark through console messages, so the benchmark
// never polls the page with scripts of its own (they would count as the page's script time).
// It checks once per animation frame: the times are the frames the state can first be painted in.

/** Passed to `context.addInitScript(installPageProbe, variant)`; must not use anything from outside. */
export function installPageProbe(variant) {
  const probe = { dcl: null, ready: null, guide: null, longTasks: [] };
  window.__bench = probe;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) probe.longTasks.push({ start: entry.startTime, duration: entry.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    // no long-task API: the counts stay empty
  }
  // Waymark's tooltip counts as shown once floating-ui has placed it (data-placement) and it is
  // not hidden; its 160 ms fade-in is not counted.
  const tooltipShown = () => {
    const card = document.querySelector('waymark-guide')?.shadowRoot?.querySelector('.wm-tooltip[data-placement]');
    return !!card && card.style.visibility !== 'hidden' && card.getBoundingClientRect().width > 0;
  };
  const shown = {
    none: () => true,
    // posthog-js: loaded, and autocapture switched on by the remote config.
    posthog: () => window.posthog?.__loaded === true && window.posthog.autocapture?.isEnabled === true,
    driver: () => !!document.querySelector('.driver-popover'),
    waymark: tooltipShown,
  }[variant];
  const check = () => {
    const now = performance.now();
    if (variant === 'waymark' && probe.guide === null && tooltipShown()) {
      probe.guide = now;
      console.debug('bench:guide');
    }
    if (document.readyState === 'complete' && shown()) {
      probe.ready = now;
      console.debug('bench:ready');
      return;
    }
    requestAnimationFrame(check);
  };
  document.addEventListener('DOMContentLoaded', () => {
    probe.dcl = performance.now();
    requestAnimationFrame(check);
  });
}
