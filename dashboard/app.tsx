import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, messageOf, type DashboardApi, type Me } from './api';
import { BrandMark } from './components';
import { EditPage } from './pages/edit-page';
import { LoginPage } from './pages/login';
import { SitePage } from './pages/site';
import { SitesPage } from './pages/sites';
import { UsersPage } from './pages/users';
import { followLink, hrefOf, useRoute, type Route } from './router';

type Auth = { state: 'checking' } | { state: 'signed_out'; message?: string } | { state: 'signed_in'; me: Me };

/** Who is signed in decides what shows: the sign-in page, or the dashboard with what the role may do. */
export function App({ api }: { api: DashboardApi }) {
  const [auth, setAuth] = useState<Auth>({ state: 'checking' });
  useEffect(() => {
    api.onSignedOut = () => setAuth({ state: 'signed_out', message: 'Your session has ended. Sign in again.' });
    api.me().then(
      (me) => setAuth({ state: 'signed_in', me }),
      (error: unknown) => setAuth({ state: 'signed_out', ...(error instanceof ApiError && error.status === 401 ? {} : { message: messageOf(error) }) }),
    );
    return () => {
      api.onSignedOut = undefined;
    };
  }, [api]);

  if (auth.state === 'checking') return <p class="muted">Loading…</p>;
  if (auth.state === 'signed_out') return <LoginPage api={api} message={auth.message} onSignedIn={(me) => setAuth({ state: 'signed_in', me })} />;
  const signOut = async () => {
    try {
      await api.logOut();
      setAuth({ state: 'signed_out' });
    } catch (error) {
      setAuth({ state: 'signed_out', message: messageOf(error) });
    }
  };
  return <Shell api={api} me={auth.me} onSignOut={() => void signOut()} />;
}

function Shell({ api, me, onSignOut }: { api: DashboardApi; me: Me; onSignOut: () => void }) {
  const route = useRoute();
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  // After an in-app navigation, move focus to the new page so keyboard and screen-reader users start there.
  useEffect(() => {
    if (first.current) first.current = false;
    else main.current?.focus();
  }, [hrefOf(route)]);

  const current = (page: Route['page']) => (route.page === page ? 'page' : undefined);
  return (
    <div onClick={followLink}>
      <header class="topbar">
        <div class="topbar-inner">
          <a class="brand" href="/dashboard">
            <BrandMark />
            Waymark
          </a>
          <nav class="topnav" aria-label="Main">
            <a href="/dashboard" aria-current={current('sites') ?? (route.page === 'site' ? 'page' : undefined)}>
              Sites
            </a>
            {me.role === 'admin' ? (
              <a href="/dashboard/users" aria-current={current('users')}>
                Users
              </a>
            ) : null}
          </nav>
          <div class="who">
            <span>{me.via === 'token' ? 'Admin token' : `Signed in (${me.role})`}</span>
            <button type="button" class="secondary small" onClick={onSignOut}>
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main ref={main} tabIndex={-1}>
        <Page api={api} me={me} route={route} />
      </main>
    </div>
  );
}

function Page({ api, me, route }: { api: DashboardApi; me: Me; route: Route }) {
  switch (route.page) {
    case 'sites':
      return <SitesPage api={api} me={me} />;
    case 'users':
      return <UsersPage api={api} me={me} />;
    case 'edit':
      return <EditPage api={api} />;
    case 'site':
      return <SitePage api={api} me={me} siteId={route.siteId} section={route.section} />;
    default:
      return (
        <>
          <h1>Page not found</h1>
          <p>
            <a href="/dashboard">Go to your sites</a>
          </p>
        </>
      );
  }
}
