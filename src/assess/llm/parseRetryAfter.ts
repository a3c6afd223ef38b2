// Reads an HTTP Retry-After header: a number of seconds or an HTTP date.

/**
 * How long a server asked the client to wait, in milliseconds: `Retry-After: 7` is 7,000; an HTTP
 * date is measured from `nowMs` (the response's own Date header when it has one, so the two clocks
 * agree). Null when the header is absent or unreadable; never negative.
 */
export function parseRetryAfter(header: string | null, nowMs: number): number | null {
  if (header === null) return null;
  const text = header.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  if (Number.isNaN(at) || !/[a-z]/i.test(text)) return null;
  return Math.max(0, at - nowMs);
}
