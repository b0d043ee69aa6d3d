import { useEffect, useState } from 'preact/hooks';
import { messageOf, type DashboardApi, type Site } from '../api';
import { Notice } from '../components';
import { useSearch } from '../router';

type State = { step: 'opening'; page: URL } | { step: 'choose'; page: URL; sites: Site[] } | { step: 'refused'; message: string };

/**
 * GET /dashboard/edit?url=PAGE, where the "Edit with Waymark" bookmarklet sends the browser from a
 * page of the marketer's site: find the site that allows that page's origin, make an edit link for
 * the page and go back to it with the editor open. The bookmarklet only sets location.href, so
 * nothing runs in the dashboard's origin but the dashboard's own code; and the only place this
 * page ever sends the browser is an edit link on one of the site's own origins.
 */
export function EditPage({ api }: { api: DashboardApi }) {
  const raw = useSearch().get('url') ?? '';
  const [state, setState] = useState<State>(() => {
    const page = webPage(raw);
    return page ? { step: 'opening', page } : { step: 'refused', message: notAWebPage(raw) };
  });

  const open = async (site: Site, page: URL) => {
    setState({ step: 'opening', page });
    try {
      const link = new URL((await api.editLink(site.id, page.href)).url);
      if (link.origin !== page.origin || !site.origins.includes(link.origin)) throw new Error('The collector answered with a link to another origin; nothing was opened.');
      location.replace(link.href);
    } catch (error) {
      setState({ step: 'refused', message: messageOf(error) });
    }
  };

  useEffect(() => {
    const page = webPage(raw);
    if (!page) return setState({ step: 'refused', message: notAWebPage(raw) });
    let current = true;
    api.sites().then(
      (sites) => {
        if (!current) return;
        const matching = sites.filter((site) => site.origins.includes(page.origin));
        if (matching.length === 1) void open(matching[0]!, page);
        else if (matching.length > 1) setState({ step: 'choose', page, sites: matching });
        else
          setState({
            step: 'refused',
            message: `No site in Waymark allows ${page.origin}. Add it to the allowed origins of your site (an admin can), then use the bookmarklet again.`,
          });
      },
      (error: unknown) => current && setState({ step: 'refused', message: messageOf(error) }),
    );
    return () => {
      current = false;
    };
  }, [api, raw]);

  return (
    <>
      <h1>Open the visual editor</h1>
      {state.step === 'opening' ? (
        <Notice kind="info">
          Opening the editor on <code>{state.page.href}</code>…
        </Notice>
      ) : null}
      {state.step === 'choose' ? (
        <section class="card" aria-labelledby="choose-heading">
          <h2 id="choose-heading">Which site?</h2>
          <p>
            Several sites allow <code>{state.page.origin}</code>. Open the editor on <code>{state.page.href}</code> for:
          </p>
          <div class="actions">
            {state.sites.map((site) => (
              <button key={site.id} type="button" onClick={() => void open(site, state.page)}>
                {site.name}
              </button>
            ))}
          </div>
        </section>
      ) : null}
      {state.step === 'refused' ? (
        <>
          <Notice kind="error">{state.message}</Notice>
          <p>
            <a href="/dashboard">Go to your sites</a>
          </p>
        </>
      ) : null}
    </>
  );
}

/** The page to edit, if it is an http(s) URL; anything else (javascript:, file:, data:, garbage) is refused. */
function webPage(raw: string): URL | undefined {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

const notAWebPage = (raw: string) =>
  raw ? 'The editor opens on web pages of your site (http or https) only. Use the bookmarklet on a page of your site.' : 'No page to edit was given. Use the “Edit with Waymark” bookmarklet on a page of your site.';
