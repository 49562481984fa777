/** Bucket sizes (ms) and rounding to them: the rollups' grains, and the windows reports read them over. */
export const MINUTE = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;

export const floor = (t: number, size: number) => Math.floor(t / size) * size;
export const ceil = (t: number, size: number) => Math.ceil(t / size) * size;
