import { PREVIEW_MEDIA_TYPES } from '@confide/core';

/** The kinds of file the kit draws its own icon for. */
export type FileKind = 'pdf' | 'image' | 'sheet' | 'document' | 'file';

const SHEETS =
  /^(text\/csv|application\/vnd\.ms-excel|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.)/;
const DOCUMENTS =
  /^(text\/plain|application\/msword|application\/rtf|application\/vnd\.openxmlformats-officedocument\.(wordprocessingml|presentationml)\.|application\/vnd\.ms-powerpoint)/;

/** Which icon a media type gets (the type the server decided from the bytes). */
export function fileKindOf(mediaType: string): FileKind {
  const type = mediaType.toLowerCase();
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('image/')) return 'image';
  if (SHEETS.test(type)) return 'sheet';
  if (DOCUMENTS.test(type)) return 'document';
  return 'file';
}

/** Whether a file of this type gets a thumbnail: the server previews only the pictures every browser draws. */
export function hasThumbnail(mediaType: string): boolean {
  return PREVIEW_MEDIA_TYPES.includes(mediaType.toLowerCase());
}
