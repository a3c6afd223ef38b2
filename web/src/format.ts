// How amounts, addresses and times read on the dashboard. Amounts arrive as decimal strings of base
// units (18 decimals) and stay bigint until printed.
import { formatUnits } from "viem";

/** `1234.5` GUILD from base units, with thousands separators and at most `digits` decimals. */
export function formatAmount(baseUnits: string | bigint, digits = 2): string {
  const text = formatUnits(BigInt(baseUnits), 18);
  const [whole = "0", fraction = ""] = text.split(".");
  const negative = whole.startsWith("-");
  const grouped = (negative ? whole.slice(1) : whole).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const cut = fraction.slice(0, digits).replace(/0+$/, "");
  return `${negative ? "-" : ""}${grouped}${cut === "" ? "" : `.${cut}`}`;
}

/** `0x1234…abcd`: enough of an address to tell it apart; the whole one goes in the title. */
export function shortAddress(address: string): string {
  return address.length > 12 ? `${address.slice(0, 6)}…${address.slice(-4)}` : address;
}

/** A unix time as `2026-11-22 14:05 UTC`. */
export function formatTime(unixSeconds: number): string {
  return `${new Date(unixSeconds * 1000).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** A length of time as `3d 4h`, `5h 12m`, `42s`. */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const minutes = Math.floor((s % 3_600) / 60);
  if (days > 0) return `${days}d ${hours}h`;
  if (hours > 0) return `${hours}h ${minutes}m`;
  if (minutes > 0) return `${minutes}m ${s % 60}s`;
  return `${s}s`;
}

/** Parts per million as a percentage, `12.3%`. */
export function formatPpm(ppm: number, digits = 1): string {
  return `${(ppm / 10_000).toFixed(digits)}%`;
}
