/** Where and how the viewer reads dates: a BCP 47 locale and an IANA time zone. */
export interface DateSettings {
  readonly locale: string | undefined;
  readonly timeZone: string | undefined;
}

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(settings: DateSettings, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = JSON.stringify([settings.locale, settings.timeZone, options]);
  let found = cache.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(settings.locale, { ...options, timeZone: settings.timeZone });
    cache.set(key, found);
  }
  return found;
}

/** The time of day, e.g. "14:05" or "2:05 PM". */
export function formatTime(iso: string, settings: DateSettings): string {
  return formatter(settings, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso));
}

/** A full date for a day separator, e.g. "Tuesday, 3 March 2026". */
export function formatDay(iso: string, settings: DateSettings): string {
  return formatter(settings, { weekday: 'long', year: 'numeric', month: 'long', day: 'numeric' }).format(
    new Date(iso),
  );
}

/** A key that is equal for two instants on the same calendar day in the viewer's time zone. */
export function dayKey(iso: string, settings: DateSettings): string {
  return formatter(settings, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(iso));
}

/** A compact time for lists: the time today, else the date. */
export function formatListTime(iso: string, now: Date, settings: DateSettings): string {
  if (dayKey(iso, settings) === dayKey(now.toISOString(), settings)) return formatTime(iso, settings);
  return formatter(settings, { month: 'short', day: 'numeric' }).format(new Date(iso));
}

/** A full date and time for a `title` or screen readers. */
export function formatDateTime(iso: string, settings: DateSettings): string {
  return formatter(settings, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}
