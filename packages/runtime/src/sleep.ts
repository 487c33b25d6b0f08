// Waiting (retry intervals) behind a service, so tests record the waits instead of spending them.

export interface Sleep {
  delay(ms: number): Promise<void>;
}

export const timerSleep: Sleep = {
  delay: (ms) => (ms <= 0 ? Promise.resolve() : new Promise((resolve) => setTimeout(resolve, ms))),
};
