const BYTES_PER_KILOBYTE = 1024;
// Below a kilobyte a size still shows in kB ("0.4 kB"): the short unit "byte" reads oddly in most locales.
const units = ['kilobyte', 'megabyte', 'gigabyte'] as const;
const cache = new Map<string, Intl.NumberFormat>();

function formatter(locale: string | undefined, unit: (typeof units)[number], digits: number) {
  const key = `${locale ?? ''}|${unit}|${digits}`;
  let found = cache.get(key);
  if (!found) {
    found = new Intl.NumberFormat(locale, {
      style: 'unit',
      unit,
      unitDisplay: 'short',
      maximumFractionDigits: digits,
    });
    cache.set(key, found);
  }
  return found;
}

/**
 * A file size for people, in the viewer's locale: "0.8 kB", "14 kB", "3.4 MB". Steps of 1024, as operating systems
 * show sizes, so the server's 100 MB limit (100 × 1024² bytes) reads "100 MB"; one decimal below 10 of a unit.
 */
export function formatFileSize(bytes: number, locale: string | undefined): string {
  let value = Math.max(0, bytes) / BYTES_PER_KILOBYTE;
  let step = 0;
  while (value >= BYTES_PER_KILOBYTE && step < units.length - 1) {
    value /= BYTES_PER_KILOBYTE;
    step += 1;
  }
  const unit = units[step] ?? 'kilobyte';
  // A non-empty file never shows as 0.
  const shown = value > 0 && value < 0.1 ? 0.1 : value;
  return formatter(locale, unit, shown >= 10 ? 0 : 1).format(shown);
}
