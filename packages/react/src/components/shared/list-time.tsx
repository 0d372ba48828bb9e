import { type DateSettings, formatDateTime, formatListTime } from '../../lib/format.js';

/**
 * A list row's time (an ISO timestamp `at`): short in the row (the time today, the date before), the full date and
 * time on hover, and machine-readable in `dateTime`.
 */
export function ListTime(props: {
  readonly at: string;
  readonly now: Date;
  readonly dates: DateSettings;
  readonly className: string;
}) {
  const { at, now, dates, className } = props;
  return (
    <time className={className} dateTime={at} title={formatDateTime(at, dates)}>
      {formatListTime(at, now, dates)}
    </time>
  );
}
