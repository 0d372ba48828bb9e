import { describe, expect, it } from 'vitest';
import * as api from './index.js';
import * as primitives from './primitives/index.js';

describe('public API', () => {
  it('exports exactly these names from @confide/react', () => {
    expect(Object.keys(api).sort()).toEqual([
      'ComposeSecureMessage',
      'ConfideProvider',
      'MessageIndex',
      'MessageText',
      'NotificationBell',
      'NotificationList',
      'NotificationSettingsForm',
      'ThreadView',
      'defaultMessages',
      'linkify',
      'useComposer',
      'useConfideClient',
      'useConnection',
      'useConversations',
      'useNotificationSettings',
      'useNotifications',
      'useTemplates',
      'useThread',
      'useUnreadCount',
      'useViewer',
    ]);
  });

  it('exports exactly these names from @confide/react/primitives', () => {
    expect(Object.keys(primitives).sort()).toEqual(['Composer', 'MessageIndex', 'Notification', 'Thread']);
  });

  it('gives every string a default and keeps keys in SCREAMING_SNAKE case', () => {
    for (const [key, value] of Object.entries(api.defaultMessages)) {
      expect(key).toMatch(/^[A-Z][A-Z0-9_]*$/);
      expect(['string', 'function']).toContain(typeof value);
    }
    expect(api.defaultMessages.UNREAD_COUNT(2)).toBe('2 unread messages');
  });
});
