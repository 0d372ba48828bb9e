import { formatFileSize } from '../../lib/file-size.js';
import type { ConfideMessages } from '../../provider/messages.js';
import type { AttachmentErrorView } from './attachment-types.js';

/**
 * Whether retrying an upload that failed this way may succeed: only when the error says so (`retryable`, which the
 * SDK's `ConfideError` sets for network faults, timeouts, 429 and 5xx answers). Every other answer is the server
 * refusing the file (its type, size, a virus, a rule), which the same bytes sent again cannot change; an error
 * that does not say is treated as a refusal, so Retry is never offered in vain (Remove always is).
 */
export function canRetryUpload(error: AttachmentErrorView | null): boolean {
  return error === null || error.retryable === true;
}

/** The largest file the server accepts, in bytes, when the error says so. */
function limitOf(error: AttachmentErrorView): number | undefined {
  const limit = error.context?.maxBytes;
  return typeof limit === 'number' && limit > 0 ? limit : undefined;
}

/** Why an upload failed, in the kit's own words (the limit said for a file that is too large). */
export function uploadErrorText(
  error: AttachmentErrorView | null,
  messages: ConfideMessages,
  locale: string | undefined,
  maxUploadBytes: number | undefined,
): string {
  switch (error?.code) {
    case 'file_too_large':
    case 'payload_too_large': {
      const limit = (error && limitOf(error)) ?? maxUploadBytes;
      return messages.ATTACHMENT_TOO_LARGE(limit === undefined ? null : formatFileSize(limit, locale));
    }
    case 'type_not_allowed':
      return messages.ATTACHMENT_TYPE_NOT_ALLOWED;
    case 'attachment_blocked':
      return messages.ATTACHMENT_BLOCKED;
    case 'invalid_input':
      return error?.issues?.some((issue) => issue.path.includes('attachmentIds'))
        ? messages.ATTACHMENT_TOO_MANY
        : messages.ATTACHMENT_NAME_INVALID;
    default:
      return canRetryUpload(error) ? messages.ATTACHMENT_UPLOAD_FAILED : messages.ATTACHMENT_REFUSED;
  }
}
