import { requireMember } from '../domain/access.js';
import { listFirmAudit, listFirmContacts, listFirmMembers } from '../domain/directory.js';
import { listMemberNotifications, markMemberNotificationsRead } from '../domain/notifications.js';
import { getNotificationSettings, updateNotificationSettings } from '../domain/settings.js';
import {
  createTemplate,
  deleteTemplate,
  getTemplate,
  listTemplates,
  updateTemplate,
} from '../domain/templates.js';
import type { RouteHandlers } from './route-handler.js';

/** Handlers of the firm-side routes: directory, templates, notifications, settings and audit. */
export const firmRouteHandlers = {
  async listContacts({ viewer, query, context }) {
    return listFirmContacts(context.store, viewer, query.query);
  },
  async listMembers({ viewer, context }) {
    return listFirmMembers(context.store, viewer);
  },
  async listTemplates({ viewer, query, context }) {
    return { items: await listTemplates(context.store, viewer, query.query) };
  },
  async getTemplate({ viewer, params, context }) {
    return getTemplate(context.store, viewer, params.id);
  },
  async createTemplate({ viewer, body, context }) {
    return createTemplate(context, viewer, body);
  },
  async updateTemplate({ viewer, params, body, context }) {
    return updateTemplate(context, viewer, params.id, body);
  },
  async deleteTemplate({ viewer, params, context }) {
    return deleteTemplate(context, viewer, params.id);
  },
  async listNotifications({ viewer, query, context }) {
    requireMember(viewer);
    return listMemberNotifications(context.store, viewer, query);
  },
  async markNotificationsRead({ viewer, body, context }) {
    requireMember(viewer);
    return markMemberNotificationsRead(context, viewer, body);
  },
  async getNotificationSettings({ viewer, context, services }) {
    requireMember(viewer);
    return getNotificationSettings(context.store, viewer, services.attachments.settings);
  },
  async updateNotificationSettings({ viewer, body, context, services }) {
    return updateNotificationSettings(context, viewer, body, services.attachments.settings);
  },
  async listAudit({ viewer, query, context }) {
    return listFirmAudit(context.store, viewer, query);
  },
} satisfies Partial<RouteHandlers>;
