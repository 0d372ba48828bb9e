const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/**
 * `path` below `baseUrl` as a full URL. A `baseUrl` that is itself a path (`/confide-api`) is resolved on the
 * page's origin; without a page (Node) it stays a path.
 */
export function absoluteUrl(baseUrl: string, path: string): string {
  if (HAS_SCHEME.test(path)) return path;
  const url = `${baseUrl.replace(/\/+$/, '')}${path}`;
  const page = (globalThis as { location?: { href: string } }).location?.href;
  return HAS_SCHEME.test(url) || !page ? url : new URL(url, page).href;
}
