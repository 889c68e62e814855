import type { DataUsageSettings } from '../telegent/response-schemas.js';

export type NumberSettings = DataUsageSettings['PhoneNumbers'][number];

/** "notify 10 MB · throttle 15 MB (thr1024kbps) · limit 20 MB", or a note when nothing is set. */
export function describeThresholds(s: NumberSettings | undefined): string {
  if (!s) return 'no limits configured';
  const unit = s.ValueUnit ?? '';
  const v = (n: number | null | undefined) => (typeof n === 'number' ? `${n} ${unit}`.trim() : undefined);
  const parts = [
    v(s.NotifyValue) ? `notify ${v(s.NotifyValue)}` : undefined,
    v(s.ThrottleValue)
      ? `throttle ${v(s.ThrottleValue)}${s.ThrottleSpeed ? ` (${s.ThrottleSpeed})` : ''}`
      : undefined,
    v(s.LimitValue) ? `limit ${v(s.LimitValue)}` : undefined,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' · ') : 'no limits configured';
}
