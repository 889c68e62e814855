import type { SeededRandom } from './random.js';
import type { FaultKind, FaultSpec } from './types.js';

const KINDS: readonly FaultKind[] = [
  'latency',
  '429',
  '500',
  '502',
  '503',
  '504',
  'timeout',
  'truncated',
  'text',
  'reset',
];

export interface ActiveFault extends FaultSpec {
  id: number;
  remaining: number | undefined;
}

export const normalizePath = (path: string) => {
  const lower = path.toLowerCase();
  return lower.length > 1 && lower.endsWith('/') ? lower.slice(0, -1) : lower;
};

/** Injected failures; the first matching fault that fires wins. */
export class Faults {
  private faults: ActiveFault[] = [];
  private nextId = 1;

  constructor(private readonly random: SeededRandom) {}

  add(spec: FaultSpec): number {
    validateFault(spec);
    const id = this.nextId++;
    this.faults.push({ ...spec, id, remaining: spec.count });
    return id;
  }

  clear(): void {
    this.faults = [];
  }

  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** The fault to apply to this request, consuming one use of it; undefined when none fires. */
  pick(path: string, method?: string): ActiveFault | undefined {
    const target = normalizePath(path);
    for (const fault of this.faults) {
      if (fault.endpoint && normalizePath(fault.endpoint) !== target) continue;
      if (fault.method && method && fault.method.toUpperCase() !== method.toUpperCase()) continue;
      if (fault.share !== undefined && this.random.next() >= fault.share) continue;
      if (fault.remaining !== undefined) {
        fault.remaining -= 1;
        if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
      }
      return { ...fault };
    }
    return undefined;
  }
}

export function validateFault(spec: FaultSpec): void {
  if (!spec || !KINDS.includes(spec.kind)) throw new Error(`fault kind must be one of: ${KINDS.join(', ')}`);
  if (spec.method !== undefined && !['GET', 'POST'].includes(String(spec.method).toUpperCase()))
    throw new Error('fault method must be GET or POST');
  if (spec.share !== undefined && !(spec.share >= 0 && spec.share <= 1))
    throw new Error('fault share must be 0..1');
  if (spec.count !== undefined && !(Number.isInteger(spec.count) && spec.count > 0))
    throw new Error('fault count must be a positive integer');
  if (spec.latencyMs !== undefined && !(spec.latencyMs >= 0)) throw new Error('fault latencyMs must be ≥ 0');
}
