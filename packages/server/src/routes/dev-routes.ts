import { signToken } from '../auth/sign-token.js';
import { DEV_MAIL_CONTENT_SECURITY_POLICY, renderDevMailPage } from '../dev/dev-mail-page.js';
import { ApiError, notFound } from '../errors/api-error.js';
import { addressRateLimitKey } from '../http/client-address.js';
import type { RouteHandlers } from './route-handler.js';

/** How many outbox rows the dev mail page shows. */
const DEV_MAIL_PAGE_SIZE = 100;

/** Handlers of the dev-mode routes (registered only when the app runs with `dev: true`). */
export const devRouteHandlers = {
  async issueDevToken({ body, context, services, hono }) {
    // Keyed by where the caller is, not by the address they post: one caller cannot try e-mail addresses
    // without limit, and nobody can use up another person's allowance by asking for their address.
    await services.devTokenLimiter.take(`dev-token:${addressRateLimitKey(services.clientAddress(hono))}`);
    const email = body.email.toLowerCase();
    const secret = services.auth.secret;
    if (secret === undefined) throw new ApiError('internal', 'Dev tokens need a JWT secret');
    const now = context.clock.now();
    const member = await context.store.findMemberByEmail(email);
    if (member)
      return {
        token: await signToken({ sub: member.id, role: 'member', firm: member.firmId }, { secret, now }),
      };
    const contact = await context.store.findContactByEmail(email);
    if (!contact) throw notFound('Person');
    if (contact.portalStatus !== 'active') {
      throw new ApiError('portal_inactive', "The client's portal is not active", {
        reason: contact.portalStatus,
      });
    }
    return {
      token: await signToken({ sub: contact.id, role: 'client', firm: contact.firmId }, { secret, now }),
    };
  },
  async devMail({ context, services }) {
    const mails = await context.store.listMail({ limit: DEV_MAIL_PAGE_SIZE });
    return new Response(renderDevMailPage(mails, { deliversMail: services.deliversMail }), {
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': DEV_MAIL_CONTENT_SECURITY_POLICY,
        'Cache-Control': 'no-store',
      },
    });
  },
} satisfies Partial<RouteHandlers>;
