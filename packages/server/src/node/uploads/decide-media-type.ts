import { fileTypeFromFile } from 'file-type';

/**
 * The media type of a file from its leading bytes (`file-type` reads what it needs, also inside ZIP-based Office
 * files), or `undefined` when no binary format matched (the file may be text; `decideTextType` then decides).
 * The name and the browser's claim are never consulted here.
 */
export async function sniffMediaType(path: string): Promise<string | undefined> {
  return (await fileTypeFromFile(path))?.mime;
}

/**
 * The media type of a file that passed the text check: CSV when its name says so, plain text otherwise. The name
 * only picks between two equally inert text types; it never lets other bytes through.
 */
export function decideTextType(name: string): 'text/csv' | 'text/plain' {
  return name.toLowerCase().endsWith('.csv') ? 'text/csv' : 'text/plain';
}
