'use client';
import { useEffect, useState } from 'react';
import { type DateSettings, dayKey } from './format.js';

/** How often the day is checked, in milliseconds: a list's "today" is at most this late after midnight. */
const DAY_CHECK_INTERVAL_MS = 60_000;

/**
 * The current time for telling today from other days in the viewer's time zone. It is checked every minute and
 * changes only when the day does, so a page left open overnight shows yesterday's times as dates without
 * re-rendering the caller every minute.
 */
export function useToday(dates: DateSettings): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => {
      const next = new Date();
      setNow((current) =>
        dayKey(current.toISOString(), dates) === dayKey(next.toISOString(), dates) ? current : next,
      );
    }, DAY_CHECK_INTERVAL_MS);
    return () => clearInterval(timer);
  }, [dates]);
  return now;
}
