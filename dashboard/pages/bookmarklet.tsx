import { useState } from 'preact/hooks';

/**
 * "Edit with Waymark": a bookmarklet that sends the browser from any page of the site to this
 * collector's /dashboard/edit?url=THAT_PAGE (dashboard/pages/edit-page.tsx), which opens the
 * editor there. It only sets location.href: no code of ours runs in the site's page, and the
 * dashboard's strict CSP (no inline script) needs nothing from it.
 */
export function bookmarkletHref(collectorOrigin: string): string {
  return `javascript:void(location.href='${collectorOrigin}/dashboard/edit?url='+encodeURIComponent(location.href))`;
}

export function Bookmarklet() {
  const [clicked, setClicked] = useState(false);
  return (
    <div class="bookmarklet">
      <p class="small" id="bookmarklet-hint">
        Or drag this button to your browser’s bookmarks bar, then click the bookmark on any page of your site to edit that page:
      </p>
      <div class="actions">
        <a
          class="bookmarklet-link"
          href={bookmarkletHref(location.origin)}
          aria-describedby="bookmarklet-hint"
          onClick={(event) => {
            // Here it would do nothing useful (and the page's CSP blocks it): it is meant for the bookmarks bar.
            event.preventDefault();
            setClicked(true);
          }}
        >
          Edit with Waymark
        </a>
      </div>
      {clicked ? <p class="hint">Drag it to the bookmarks bar instead: it works from the pages of your site, not from here.</p> : null}
    </div>
  );
}
