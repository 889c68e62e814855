import type { DataUsageSettings } from '../telegent/response-schemas.js';

export type NumberSettings = DataUsageSettings['PhoneNumbers'][number];

/** "2 GB" for 2048 MB; one decimal when it is not whole ("1.5 GB"). */
const gigabytes = (mb: number) => `${Number((mb / 1024).toFixed(1))} GB`;

/**
 * "notify 1024 MB (1 GB) · throttle 1536 MB (1.5 GB) (thr1024kbps) · limit 2048 MB (2 GB)", or a note when
 * nothing is set. Values in MB (what the app sends) also read in GB from 1 GB up (1 GB = 1024 MB).
 */
export function describeThresholds(s: NumberSettings | undefined): string {
  if (!s) return 'no limits configured';
  const unit = s.ValueUnit ?? '';
  const inMb = unit.toUpperCase() === 'MB';
  const v = (n: number | null | undefined) =>
    typeof n === 'number'
      ? `${n} ${unit}`.trim() + (inMb && n >= 1024 ? ` (${gigabytes(n)})` : '')
      : undefined;
  const parts = [
    v(s.NotifyValue) ? `notify ${v(s.NotifyValue)}` : undefined,
    v(s.ThrottleValue)
      ? `throttle ${v(s.ThrottleValue)}${s.ThrottleSpeed ? ` (${s.ThrottleSpeed})` : ''}`
      : undefined,
    v(s.LimitValue) ? `limit ${v(s.LimitValue)}` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'no limits configured';
}
