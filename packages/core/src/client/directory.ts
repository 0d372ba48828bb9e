import type {
  Contact,
  CreateTemplateRequest,
  NotificationSettings,
  Template,
  TemplateId,
  UpdateNotificationSettingsRequest,
  UpdateTemplateRequest,
  Viewer,
} from '@confide/protocol';
import type { ClientContext } from './client-context.js';

/** The signed-in person. */
export interface ViewerApi {
  /** The viewer, loaded once per client. */
  get(): Promise<Viewer>;
  /** The viewer if already loaded, else `undefined`. */
  current(): Viewer | undefined;
}

/** The firm's contacts (members only). */
export interface ContactsApi {
  /** Contacts, optionally searched by name or e-mail address. */
  list(query?: string): Promise<readonly Contact[]>;
}

/** Message templates: everyone in the firm reads them, owners and admins manage them. */
export interface TemplatesApi {
  /** Templates, optionally searched by name. */
  list(query?: string): Promise<readonly Template[]>;
  /** Whether the viewer may create, change and delete templates. */
  canManage(): Promise<boolean>;
  /** Creates a template. */
  create(input: CreateTemplateRequest): Promise<Template>;
  /** Changes some fields of a template. */
  update(id: TemplateId, input: UpdateTemplateRequest): Promise<Template>;
  /** Deletes a template. */
  delete(id: TemplateId): Promise<void>;
}

/** The firm's notification settings: members read them, owners and admins change them. */
export interface SettingsApi {
  /** The setting for client-started conversations. */
  getNotificationSettings(): Promise<NotificationSettings>;
  /** Whether the viewer may change it. */
  canUpdate(): Promise<boolean>;
  /** Changes it. */
  updateNotificationSettings(input: UpdateNotificationSettingsRequest): Promise<NotificationSettings>;
}

async function isManager(context: ClientContext): Promise<boolean> {
  const viewer = await context.ensureViewer();
  return viewer.role === 'member' && viewer.memberRole !== 'member';
}

/** Creates the viewer, contacts, templates and settings parts of a client. */
export function createDirectory(context: ClientContext) {
  const { queryClient, queries, transport, keys, fetchQuery } = context;
  const invalidateTemplates = () => queryClient.invalidateQueries({ queryKey: keys.templates() });

  const viewer: ViewerApi = { get: context.ensureViewer, current: context.viewer };
  const contacts: ContactsApi = {
    list: async (query = '') => (await fetchQuery(queries.viewer.contacts(query))).items,
  };
  const templates: TemplatesApi = {
    list: async (query = '') => (await fetchQuery(queries.templates.list(query))).items,
    canManage: () => isManager(context),
    async create(input) {
      const template = await transport.createTemplate(input);
      await invalidateTemplates();
      return template;
    },
    async update(id, input) {
      const template = await transport.updateTemplate(id, input);
      queryClient.setQueryData(keys.template(id), template);
      await invalidateTemplates();
      return template;
    },
    async delete(id) {
      await transport.deleteTemplate(id);
      queryClient.removeQueries({ queryKey: keys.template(id) });
      await invalidateTemplates();
    },
  };
  const settings: SettingsApi = {
    getNotificationSettings: () => fetchQuery(queries.notifications.settings()),
    canUpdate: () => isManager(context),
    async updateNotificationSettings(input) {
      const updated = await transport.updateNotificationSettings(input);
      queryClient.setQueryData(keys.notificationSettings(), updated);
      return updated;
    },
  };
  return { viewer, contacts, templates, settings };
}
