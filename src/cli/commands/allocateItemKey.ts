// How `guild allocate` matches an item named in two files: URLs compared loosely, other ids exactly.

/**
 * The key two spellings of one item share. A URL (http(s)://…, or a bare host such as github.com/…) is
 * lower-cased, without its scheme, `www.`, query, fragment, trailing slashes or `.git`, so
 * `https://github.com/Ethereum/EIPs/` and `http://www.github.com/ethereum/eips.git` match (GitHub and most
 * hosts ignore case in these paths). Any other id is only trimmed: `Alice` and `alice` stay apart.
 */
export function itemKey(id: string): string {
  const trimmed = id.trim();
  const withScheme = /^https?:\/\//i.test(trimmed);
  const bareHost = /^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\//i.test(trimmed);
  if (!withScheme && !bareHost) return trimmed;
  return trimmed
    .replace(/^https?:\/\//i, "")
    .replace(/^www\./i, "")
    .replace(/[?#].*$/, "")
    .replace(/\/+$/, "")
    .replace(/\.git$/i, "")
    .replace(/\/+$/, "")
    .toLowerCase();
}
