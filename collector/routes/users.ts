import { randomBytes } from 'node:crypto';
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import * as v from 'valibot';
import { uuidv7 } from '../../sdk/core/ids';
import { parse } from '../../sdk/core/schema/parse';
import { hashToken, requireRole, SESSION_COOKIE, type AdminEnv } from '../admin/auth';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../admin/passwords';
import { ADMIN_BODY_BYTES, audit } from '../admin/site-param';
import { guardStore, type CollectorContext } from '../context';
import { readJson } from '../http/body';
import { problem } from '../http/errors';
import { clientAddress, enforce } from '../http/rate-limit';

const Email = v.pipe(v.string(), v.trim(), v.toLowerCase(), v.maxLength(254), v.email());
// Length over composition rules (NIST SP 800-63B); the upper bound keeps scrypt's input sane.
const Password = v.pipe(v.string(), v.minLength(12, 'at least 12 characters'), v.maxLength(256));
const Role = v.picklist(['admin', 'editor', 'viewer']);
const NewUser = v.strictObject({ email: Email, password: Password, role: Role });
const UserChanges = v.strictObject({ role: v.optional(Role), password: v.optional(Password) });
const Login = v.strictObject({ email: v.pipe(v.string(), v.maxLength(254)), password: v.pipe(v.string(), v.maxLength(256)) });

/** POST /v1/login (public, rate-limited): email + password → a session cookie. */
export function loginRoutes(ctx: CollectorContext): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  app.post('/v1/login', async (c) => {
    const limited = (scope: string) => ctx.metrics.count('waymark_rate_limited_total', { scope });
    enforce(ctx.limits.login, `address:${clientAddress(c, ctx.trustProxy)}`, 'login', limited);
    const input = parse(Login, await readJson(c.req.raw, 4096));
    if (!input.ok) return problem(c, 400, 'invalid_login', 'send {"email", "password"}', { errors: input.errors });
    const email = input.value.email.trim().toLowerCase();
    // Per email too, so one account cannot be guessed at from many addresses.
    enforce(ctx.limits.login, `email:${email}`, 'login', limited);
    const user = await guardStore(ctx.store.userByEmail(email));
    // An unknown email costs one scrypt as well, so timing does not tell which emails exist.
    const ok = await verifyPassword(input.value.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok) {
      ctx.log('warn', 'login failed', { email, address: clientAddress(c, ctx.trustProxy) });
      return problem(c, 401, 'bad_credentials', 'wrong email or password');
    }
    const token = randomBytes(32).toString('base64url');
    await guardStore(ctx.store.createSession(hashToken(token), { userId: user.id, expiresAt: ctx.now() + ctx.sessionMs }));
    setCookie(c, SESSION_COOKIE, token, { httpOnly: true, secure: true, sameSite: 'Strict', path: '/', maxAge: Math.floor(ctx.sessionMs / 1000) });
    ctx.log('info', 'login', { userId: user.id });
    return c.json({ id: user.id, email: user.email, role: user.role });
  });
  return app;
}

/** Users with roles (admin only), the caller's own identity, and logout. */
export function userRoutes(ctx: CollectorContext): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();

  app.get('/v1/me', (c) => {
    const principal = c.get('principal');
    return c.json({ role: principal.role, via: principal.via, ...(principal.userId ? { userId: principal.userId } : {}) });
  });

  app.post('/v1/logout', async (c) => {
    const token = getCookie(c, SESSION_COOKIE);
    if (token) await guardStore(ctx.store.deleteSession(hashToken(token)));
    deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true, httpOnly: true, sameSite: 'Strict' });
    return c.body(null, 204);
  });

  app.get('/v1/users', requireRole('admin'), async (c) => c.json({ users: await guardStore(ctx.store.listUsers()) }));

  app.post('/v1/users', requireRole('admin'), async (c) => {
    const input = parse(NewUser, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!input.ok) return problem(c, 400, 'invalid_user', 'the user is not valid', { errors: input.errors });
    if (await guardStore(ctx.store.userByEmail(input.value.email))) return problem(c, 409, 'email_taken', 'a user with this email exists');
    const user = { id: uuidv7(ctx.now()), email: input.value.email, role: input.value.role, createdAt: ctx.now() };
    await guardStore(ctx.store.createUser(user, await hashPassword(input.value.password)));
    audit(ctx, c, 'user.create', { userId: user.id, role: user.role });
    return c.json(user, 201);
  });

  app.patch('/v1/users/:userId', requireRole('admin'), async (c) => {
    const input = parse(UserChanges, await readJson(c.req.raw, ADMIN_BODY_BYTES));
    if (!input.ok) return problem(c, 400, 'invalid_user', 'the changes are not valid', { errors: input.errors });
    const changes = { ...(input.value.role ? { role: input.value.role } : {}), ...(input.value.password ? { passwordHash: await hashPassword(input.value.password) } : {}) };
    const user = await guardStore(ctx.store.updateUser(c.req.param('userId'), changes));
    if (!user) return problem(c, 404, 'unknown_user', 'no such user');
    audit(ctx, c, 'user.update', { userId: user.id, fields: Object.keys(input.value) });
    return c.json(user);
  });

  app.delete('/v1/users/:userId', requireRole('admin'), async (c) => {
    // Their sessions go with them (ON DELETE CASCADE).
    if (!(await guardStore(ctx.store.deleteUser(c.req.param('userId'))))) return problem(c, 404, 'unknown_user', 'no such user');
    audit(ctx, c, 'user.delete', { userId: c.req.param('userId') });
    return c.body(null, 204);
  });

  return app;
}
