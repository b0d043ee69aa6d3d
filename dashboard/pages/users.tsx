import { useState } from 'preact/hooks';
import type { DashboardApi, Me, Role, User } from '../api';
import { Loading, useAction } from '../components';
import { dateTime } from '../format';
import { useLoad } from '../load';

const ROLES: { id: Role; label: string }[] = [
  { id: 'viewer', label: 'Viewer: sees everything, changes nothing' },
  { id: 'editor', label: 'Editor: guides, goals, analysis' },
  { id: 'admin', label: 'Admin: also sites and users' },
];

/** Who may sign in, and with what role (admins only). */
export function UsersPage({ api, me }: { api: DashboardApi; me: Me }) {
  const users = useLoad(() => api.users(), [api]);
  const [run, busy, outcome] = useAction();
  const change = (user: User, role: Role) =>
    void run(async () => {
      await api.changeRole(user.id, role);
      users.reload();
      return `${user.email} is now ${role}.`;
    });
  const remove = (user: User) =>
    void run(async () => {
      await api.deleteUser(user.id);
      users.reload();
      return `Deleted ${user.email}; their sessions have ended.`;
    });
  if (me.role !== 'admin') return <h1>Users are managed by admins</h1>;
  return (
    <>
      <div class="page-head">
        <div>
          <h1>Users</h1>
          <p class="muted">Everyone who signs in to this dashboard, and what their role lets them do.</p>
        </div>
      </div>
      <div class="grid-2">
        <section class="card" aria-labelledby="users-heading">
          <h2 id="users-heading">People</h2>
          <Loading loaded={users} what="users">
            {(list) =>
              list.length === 0 ? (
                <p class="muted">No users yet: you are signed in with the admin token. Add the first user here.</p>
              ) : (
                <div class="table-wrap">
                  <table>
                    <thead>
                      <tr>
                        <th scope="col">Email</th>
                        <th scope="col">Role</th>
                        <th scope="col">Added</th>
                        <th scope="col">Actions</th>
                      </tr>
                    </thead>
                    <tbody>
                      {list.map((user) => (
                        <tr key={user.id}>
                          <td>{user.email}</td>
                          <td>
                            <select aria-label={`Role of ${user.email}`} value={user.role} disabled={busy || user.id === me.userId} onChange={(e) => change(user, e.currentTarget.value as Role)}>
                              {ROLES.map((role) => (
                                <option key={role.id} value={role.id}>
                                  {role.id}
                                </option>
                              ))}
                            </select>
                          </td>
                          <td class="small">{dateTime(user.createdAt)}</td>
                          <td>
                            {user.id === me.userId ? (
                              <span class="small muted">You</span>
                            ) : (
                              <button type="button" class="small danger" disabled={busy} onClick={() => remove(user)} aria-label={`Delete ${user.email}`}>
                                Delete
                              </button>
                            )}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )
            }
          </Loading>
          {outcome}
        </section>
        <NewUserForm api={api} onSaved={users.reload} />
      </div>
    </>
  );
}

function NewUserForm({ api, onSaved }: { api: DashboardApi; onSaved: () => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('editor');
  const [run, busy, outcome] = useAction();
  const submit = (event: Event) => {
    event.preventDefault();
    void run(async () => {
      const user = await api.createUser(email, password, role);
      setEmail('');
      setPassword('');
      onSaved();
      return `Added ${user.email} as ${user.role}. Give them their password in person or over a channel you trust.`;
    });
  };
  return (
    <section class="card" aria-labelledby="new-user-heading">
      <h2 id="new-user-heading">Add a user</h2>
      <form onSubmit={submit}>
        <label for="user-email">Email</label>
        <input id="user-email" type="email" required autocomplete="off" value={email} onInput={(e) => setEmail(e.currentTarget.value)} />
        <label for="user-password">Password</label>
        <input id="user-password" type="password" required minLength={12} autocomplete="new-password" value={password} onInput={(e) => setPassword(e.currentTarget.value)} aria-describedby="user-password-hint" />
        <p class="hint" id="user-password-hint">
          At least 12 characters.
        </p>
        <label for="user-role">Role</label>
        <select id="user-role" value={role} onChange={(e) => setRole(e.currentTarget.value as Role)}>
          {ROLES.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.label}
            </option>
          ))}
        </select>
        <div class="actions">
          <button type="submit" disabled={busy}>
            Add user
          </button>
        </div>
      </form>
      {outcome}
    </section>
  );
}
