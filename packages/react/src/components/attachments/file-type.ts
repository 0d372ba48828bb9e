/** The kinds of file the kit draws its own icon for. */
export type FileKind = 'pdf' | 'image' | 'sheet' | 'document' | 'file';

const SHEETS =
  /^(text\/csv|application\/vnd\.ms-excel|application\/vnd\.openxmlformats-officedocument\.spreadsheetml\.)/;
const DOCUMENTS =
  /^(text\/plain|application\/msword|application\/rtf|application\/vnd\.openxmlformats-officedocument\.(wordprocessingml|presentationml)\.|application\/vnd\.ms-powerpoint)/;
// Types every browser draws in an <img>; HEIC and TIFF are accepted files but most browsers cannot show them.
const SHOWN_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif']);

/** Which icon a media type gets (the type the server decided from the bytes). */
export function fileKindOf(mediaType: string): FileKind {
  const type = mediaType.toLowerCase();
  if (type === 'application/pdf') return 'pdf';
  if (type.startsWith('image/')) return 'image';
  if (SHEETS.test(type)) return 'sheet';
  if (DOCUMENTS.test(type)) return 'document';
  return 'file';
}

/** Whether a browser can show a file of this type as a thumbnail. */
export function hasThumbnail(mediaType: string): boolean {
  return SHOWN_IMAGES.has(mediaType.toLowerCase());
}
