// x-acs-date: UTC ISO 8601 without milliseconds, the only form the gateway accepts.

// The last second formatted: most requests of a busy client fall in the same second as the one before.
let lastSecond = Number.NaN;
// Stryker disable next-line StringLiteral: never read before the first format (lastSecond starts as NaN).
let lastText = '';

/** Formats a time as `YYYY-MM-DDTHH:mm:ssZ`. */
export function acsDate(time: Date | number): string {
  const ms = typeof time === 'number' ? time : time.getTime();
  // NaN and ±Infinity give a second that equals none (NaN !== NaN), and a Date that is invalid below.
  const second = Math.floor(ms / 1000);
  // Stryker disable next-line ConditionalExpression: a one-entry cache; formatting the same second again gives the same text.
  if (second !== lastSecond) {
    const date = new Date(second * 1000);
    if (Number.isNaN(date.getTime())) throw new RangeError('Cannot sign a request with an invalid date');
    lastText = `${date.toISOString().slice(0, -5)}Z`;
    lastSecond = second;
  }
  return lastText;
}
