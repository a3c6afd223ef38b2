// Writes a count the way a reason shows it, the same on every machine (no locale).

/** `1234567` → `"1,234,567"`; whole numbers only (anything else is rounded toward zero first). */
export function formatCount(count: number): string {
  const whole = Math.trunc(count);
  const digits = String(Math.abs(whole));
  const grouped = digits.replace(/\B(?=(\d{3})+(?!\d))/gu, ",");
  return whole < 0 ? `-${grouped}` : grouped;
}
