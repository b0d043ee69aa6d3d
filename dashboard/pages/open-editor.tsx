import { useState } from 'preact/hooks';
import type { DashboardApi, Site } from '../api';
import { useAction } from '../components';
import { Bookmarklet } from './bookmarklet';

/**
 * "Open editor on my site": a short-lived edit link for a page the marketer names, opened in a new
 * window where the visual editor starts. The link stays visible in case a popup blocker stops it.
 */
export function OpenEditor({ api, site }: { api: DashboardApi; site: Site }) {
  const [url, setUrl] = useState(site.origins[0] ? `${site.origins[0]}/` : '');
  const [link, setLink] = useState<string | undefined>();
  const [run, busy, outcome] = useAction();
  const open = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const created = await api.editLink(site.id, url.trim());
      setLink(created.url);
      // noopener: the site's page gets no handle on the dashboard window.
      window.open(created.url, '_blank', 'noopener');
    });
  };
  return (
    <section class="card" aria-labelledby="editor-heading">
      <h2 id="editor-heading">Visual editor</h2>
      <form onSubmit={open}>
        <label for="editor-url">Page of your site to edit</label>
        <input id="editor-url" type="url" required placeholder="https://shop.example.com/checkout" value={url} onInput={(e) => setUrl(e.currentTarget.value)} aria-describedby="editor-url-hint" />
        <p class="hint" id="editor-url-hint">
          The page must carry this site's script tag. The link works for an hour.
        </p>
        <div class="actions">
          <button type="submit" disabled={busy}>
            Open editor on my site
          </button>
          {link ? (
            <a href={link} target="_blank" rel="noopener noreferrer" class="small">
              No window? Open the editor link
            </a>
          ) : null}
        </div>
      </form>
      {outcome}
      <Bookmarklet />
    </section>
  );
}
