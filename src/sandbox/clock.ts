import type { SandboxClock } from './types.js';

/** Sandbox time = start + real elapsed × speed + manual advances. Speed changes keep the current time. */
export class ScaledClock implements SandboxClock {
  private base: number;
  private realBase = Date.now();

  constructor(
    start: Date,
    private speed: number,
  ) {
    this.base = start.getTime();
  }

  nowMs(): number {
    return this.base + (Date.now() - this.realBase) * this.speed;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(seconds: number): void {
    if (!Number.isFinite(seconds) || seconds < 0)
      throw new Error('advance(seconds) needs a finite number ≥ 0');
    this.base += seconds * 1000;
  }

  setSpeed(speed: number): void {
    if (!Number.isFinite(speed) || speed < 0) throw new Error('speed must be a finite number ≥ 0');
    this.base = this.nowMs();
    this.realBase = Date.now();
    this.speed = speed;
  }

  getSpeed(): number {
    return this.speed;
  }
}
