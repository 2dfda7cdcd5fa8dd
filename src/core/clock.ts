/** Where time comes from. The core never calls `new Date()` itself. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock that only moves when told to: the simulator's and the tests'. */
export class ManualClock implements Clock {
  #ms: number;
  constructor(start: Date | number) {
    this.#ms = typeof start === "number" ? start : start.getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  set(to: Date | number): void {
    this.#ms = typeof to === "number" ? to : to.getTime();
  }
  advance(ms: number): void {
    this.#ms += ms;
  }
}
