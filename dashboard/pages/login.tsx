import { useState } from 'preact/hooks';
import { ApiError, messageOf, type DashboardApi, type Me } from '../api';
import { BrandMark, Notice } from '../components';

/**
 * Sign in with email and password (a session cookie the page's script cannot read), or, on an
 * install with no users yet, with the admin token the collector printed on its first start.
 */
export function LoginPage({ api, message, onSignedIn }: { api: DashboardApi; message?: string | undefined; onSignedIn: (me: Me) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(message);

  const attempt = async (work: () => Promise<Me>) => {
    setBusy(true);
    setError(undefined);
    try {
      onSignedIn(await work());
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  };
  const logIn = (event: Event) => {
    event.preventDefault();
    void attempt(async () => {
      await api.logIn(email, password);
      try {
        return await api.me();
      } catch (error) {
        // The session cookie is Secure: browsers keep it over HTTPS and on localhost only.
        if (error instanceof ApiError && error.status === 401) throw new Error('Signed in, but this browser did not keep the session cookie. Open the dashboard over HTTPS (or on localhost).');
        throw error;
      }
    });
  };
  const useToken = (event: Event) => {
    event.preventDefault();
    void attempt(() => api.useToken(token.trim()));
  };

  return (
    <main class="login">
      <div class="card">
        <p class="brand">
          <BrandMark />
          Waymark
        </p>
        <h1>Sign in to Waymark</h1>
        <form onSubmit={logIn}>
          <label for="login-email">Email</label>
          <input id="login-email" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
          <label for="login-password">Password</label>
          <input id="login-password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword(e.currentTarget.value)} />
          <div class="actions">
            <button type="submit" disabled={busy}>
              Sign in
            </button>
          </div>
        </form>
        {error ? <Notice kind="error">{error}</Notice> : null}
        <details>
          <summary>No users yet? Use the admin token</summary>
          <form onSubmit={useToken}>
            <label for="login-token">Admin token</label>
            <input id="login-token" type="password" autocomplete="off" required value={token} onInput={(e) => setToken(e.currentTarget.value)} />
            <p class="hint">The token the collector printed on its first start. It is kept in this browser tab only and forgotten when the tab closes.</p>
            <div class="actions">
              <button type="submit" class="secondary" disabled={busy}>
                Use token
              </button>
            </div>
          </form>
        </details>
      </div>
    </main>
  );
}
