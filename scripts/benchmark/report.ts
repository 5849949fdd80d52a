/** Placeholder replaced below. */
export function printReport(_dir: string): void {}
