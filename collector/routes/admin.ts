import { Hono } from 'hono';
import { authenticate, type AdminEnv } from '../admin/auth';
import type { CollectorContext } from '../context';
import { editCors, editRoutes } from './edit';
import { eventExportRoutes } from './event-export';
import { goalRoutes } from './goals';
import { guideRoutes } from './guides';
import { exploreRoutes } from './explore';
import { insightRoutes } from './insights';
import { siteRoutes } from './sites';
import { surveyAnswerRoutes } from './survey-answers';
import { loginRoutes, userRoutes } from './users';

/**
 * The admin API. Everything under /v1/sites, /v1/users, /v1/me and /v1/logout needs the admin
 * bearer token or a login session; each route then checks the caller's role.
 */
export function adminRoutes(ctx: CollectorContext): Hono<AdminEnv> {
  const app = new Hono<AdminEnv>();
  const auth = authenticate(ctx);
  const cors = editCors();
  for (const path of ['/v1/sites/*', '/v1/edit/*']) app.use(path, cors);
  for (const path of ['/v1/sites', '/v1/sites/*', '/v1/users', '/v1/users/*', '/v1/me', '/v1/logout', '/v1/edit/*']) app.use(path, auth);
  app.route('/', loginRoutes(ctx));
  app.route('/', userRoutes(ctx));
  app.route('/', siteRoutes(ctx));
  app.route('/', guideRoutes(ctx));
  app.route('/', goalRoutes(ctx));
  app.route('/', insightRoutes(ctx));
  app.route('/', exploreRoutes(ctx));
  app.route('/', surveyAnswerRoutes(ctx));
  app.route('/', eventExportRoutes(ctx));
  app.route('/', editRoutes(ctx));
  return app;
}
