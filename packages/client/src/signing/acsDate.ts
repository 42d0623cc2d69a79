// x-acs-date: UTC ISO 8601 without milliseconds, the only form the gateway accepts.

/** Formats a time as `YYYY-MM-DDTHH:mm:ssZ`. */
export function acsDate(time: Date | number): string {
  const date = typeof time === 'number' ? new Date(time) : time;
  if (Number.isNaN(date.getTime())) throw new RangeError('Cannot sign a request with an invalid date');
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
