export {
  Composer,
  type ComposerBodyProps,
  type ComposerRootProps,
  type ComposerSubmitProps,
} from './composer/composer.js';
export { MessageIndex, type MessageIndexItemProps } from './message-index/message-index.js';
export { Notification, type NotificationItemProps } from './notification/notification.js';
export type { AsChildProps, PrimitiveProps } from './primitive.js';
export { Thread, type ThreadMessageProps } from './thread/thread.js';
