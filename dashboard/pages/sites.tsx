import { useState } from 'preact/hooks';
import type { DashboardApi, Me, Site } from '../api';
import { CopyField, Loading, useAction } from '../components';
import { dateTime } from '../format';
import { useLoad } from '../load';
import { hrefOf } from '../router';

/** The tag a site owner pastes into every page: the collector is wherever this dashboard is served from. */
export const scriptTag = (site: Site) => `<script async src="${location.origin}/sdk/waymark.js" data-site="${site.key}"></script>`;

/** Every site, and (admins) a form to add one. */
export function SitesPage({ api, me }: { api: DashboardApi; me: Me }) {
  const sites = useLoad(() => api.sites(), [api]);
  const [created, setCreated] = useState<Site | undefined>();
  return (
    <>
      <div class="page-head">
        <div>
          <h1>Sites</h1>
          <p class="muted">Each site has its own key, guides, goals and analysis.</p>
        </div>
      </div>
      <div class="grid-2">
        <section class="card" aria-labelledby="sites-heading">
          <h2 id="sites-heading">Your sites</h2>
          <Loading loaded={sites} what="sites">
            {(list) =>
              list.length === 0 ? (
                <p class="muted">No sites yet.{me.role === 'admin' ? ' Add one with the form.' : ' Ask an admin to add one.'}</p>
              ) : (
                <ul class="site-list">
                  {list.map((site) => (
                    <li key={site.id}>
                      <div class="stack">
                        <a href={hrefOf({ page: 'site', siteId: site.id, section: 'hesitation' })}>{site.name}</a>
                        <span class="small muted">{site.origins.length > 0 ? site.origins.join(', ') : 'Any origin may send events'}</span>
                      </div>
                      <div class="stack small">
                        <span>
                          Site key <code>{site.key}</code>
                        </span>
                        <span class="muted">Created {dateTime(site.createdAt)}</span>
                      </div>
                    </li>
                  ))}
                </ul>
              )
            }
          </Loading>
        </section>
        {me.role === 'admin' ? (
          <NewSiteForm
            api={api}
            onCreated={(site) => {
              setCreated(site);
              sites.reload();
            }}
          />
        ) : null}
      </div>
      {created ? (
        <section class="card" aria-labelledby="created-heading">
          <h2 id="created-heading">Install {created.name}</h2>
          <p>Paste this tag into every page of the site, before the closing &lt;/head&gt;.</p>
          <CopyField label="Script tag" value={scriptTag(created)} rows={2} />
          <CopyField label="Site key" value={created.key} />
        </section>
      ) : null}
    </>
  );
}

function NewSiteForm({ api, onCreated }: { api: DashboardApi; onCreated: (site: Site) => void }) {
  const [name, setName] = useState('');
  const [origins, setOrigins] = useState('');
  const [run, busy, outcome] = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const site = await api.createSite(
        name,
        origins
          .split(/[\s,]+/)
          .map((origin) => origin.trim().replace(/\/+$/, ''))
          .filter(Boolean),
      );
      setName('');
      setOrigins('');
      onCreated(site);
      return `Created ${site.name}.`;
    });
  };
  return (
    <section class="card" aria-labelledby="new-site-heading">
      <h2 id="new-site-heading">Add a site</h2>
      <form onSubmit={submit}>
        <label for="site-name">Name</label>
        <input id="site-name" required maxLength={120} value={name} onInput={(e) => setName(e.currentTarget.value)} />
        <label for="site-origins">Allowed origins</label>
        <textarea id="site-origins" rows={3} placeholder="https://shop.example.com" value={origins} onInput={(e) => setOrigins(e.currentTarget.value)} aria-describedby="site-origins-hint" />
        <p class="hint" id="site-origins-hint">
          One per line, like https://shop.example.com. Only these may send events; leave empty to accept any.
        </p>
        <div class="actions">
          <button type="submit" disabled={busy}>
            Create site
          </button>
        </div>
      </form>
      {outcome}
    </section>
  );
}

