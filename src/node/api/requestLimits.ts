// The API's rate limits: a token bucket per client IP for every request, and one per address for
// signed writes and signed-in requests. A refusal is a 429 RateLimited with Retry-After.
import { ApiProblem } from "./apiProblem.ts";
import type { TokenBucketOptions } from "./rateLimiter.ts";
import { RateLimiter } from "./rateLimiter.ts";

export interface RequestLimitOptions {
  /** Per client IP, every request; false for none. Default: bursts of 300, 10 a second. */
  ip?: TokenBucketOptions | false;
  /** Per address, each signed write and each signed-in request; false for none. Default: 60, 1 a second. */
  address?: TokenBucketOptions | false;
}

export const DEFAULT_IP_LIMIT: TokenBucketOptions = { capacity: 300, refillPerSecond: 10 };
export const DEFAULT_ADDRESS_LIMIT: TokenBucketOptions = { capacity: 60, refillPerSecond: 1 };

/** The two limiters, and the 429 they answer with. */
export class RequestLimits {
  private readonly ip: RateLimiter | undefined;
  private readonly address: RateLimiter | undefined;

  constructor(options: RequestLimitOptions = {}, now: () => number = Date.now) {
    const ip = options.ip ?? DEFAULT_IP_LIMIT;
    const address = options.address ?? DEFAULT_ADDRESS_LIMIT;
    this.ip = ip === false ? undefined : new RateLimiter(ip, now);
    this.address = address === false ? undefined : new RateLimiter(address, now);
  }

  /** Counts a request from `ip`. @throws ApiProblem RateLimited */
  takeIp(ip: string): void {
    const wait = this.ip?.take(ip) ?? 0;
    if (wait > 0) throw refusal("this IP", wait);
  }

  /**
   * Refuses early a signed write whose address has no request left, without counting it: an unsigned
   * claim to be someone must not spend their budget. @throws ApiProblem RateLimited
   */
  checkAddress(address: string): void {
    const wait = this.address?.wait(address.toLowerCase()) ?? 0;
    if (wait > 0) throw refusal("this address", wait);
  }

  /** Counts a signed write that `checkAddress` let through and that was accepted (it is done: never throws). */
  countAddress(address: string): void {
    this.address?.take(address.toLowerCase());
  }

  /** Counts a request of a signed-in `address`. @throws ApiProblem RateLimited */
  takeAddress(address: string): void {
    const wait = this.address?.take(address.toLowerCase()) ?? 0;
    if (wait > 0) throw refusal("this address", wait);
  }
}

function refusal(who: string, retryAfterSeconds: number): ApiProblem {
  return new ApiProblem(
    "RateLimited",
    `too many requests from ${who}: retry in ${retryAfterSeconds} s`,
    { retryAfterSeconds },
    { "retry-after": String(retryAfterSeconds) },
  );
}
