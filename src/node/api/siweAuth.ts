// Sign-In with Ethereum (EIP-4361) for the dashboard: single-use nonces and sessions, both in the store
// with expiry, so that every API process on one database shares them and a restart signs no one out. A
// session proves only that its holder controls an address; it authorizes no write.
import { randomBytes } from "node:crypto";
import type { Hex } from "viem";
import { getAddress, verifyMessage } from "viem";
import type { SiweMessage } from "viem/siwe";
import { parseSiweMessage, validateSiweMessage } from "viem/siwe";
import type { SiweSession, Store } from "../../store/store.ts";
import { ApiProblem } from "./apiProblem.ts";

export interface SiweAuthOptions {
  /** Where nonces and sessions are kept: the node's store. */
  store: Pick<
    Store,
    "addSiweNonce" | "takeSiweNonce" | "saveSiweSession" | "getSiweSession" | "deleteSiweSession"
  >;
  /**
   * The origins the dashboard is served from (`http://127.0.0.1:7450`). A message must name one's host
   * as its domain and a URI on that origin; with none, every sign-in is refused.
   */
  origins: readonly string[];
  /** The guild's chain: a message must name it. */
  chainId: number;
  /** How long a nonce may wait for its signed message (default 10 minutes). */
  nonceTtlSeconds?: number;
  /** How long a session lasts, at most (default 1 day; less when the message expires sooner). */
  sessionTtlSeconds?: number;
  /** The clock, in milliseconds. */
  now?: () => number;
}

/** A signed-in address, on the guild's chain; times in unix seconds. */
export type Session = SiweSession;

/**
 * Most nonces waiting at once, across every process on the store; past it the oldest is deleted (its
 * sign-in then fails and is retried). GET /v1/auth/nonce counts against the IP rate limit, so one client
 * holds at most a few thousand within a nonce's lifetime; the cap bounds the table against many clients
 * (100,000 rows, with their indexes, are about ten megabytes). Expired nonces and sessions are deleted
 * as new ones are written; sessions have no cap, since each costs a signature and a nonce, and ending
 * others' would sign them out.
 */
const MAX_PENDING_NONCES = 100_000;

/**
 * Issues nonces, verifies signed messages against them and keeps the sessions they open. A nonce is
 * spent by the first message that names it, whether or not that message then verifies.
 */
export class SiweAuth {
  readonly chainId: number;
  readonly origins: readonly URL[];
  private readonly nonceTtlSeconds: number;
  private readonly sessionTtlSeconds: number;
  private readonly now: () => number;
  private readonly store: SiweAuthOptions["store"];

  /** @throws TypeError when an origin is not an http(s) URL */
  constructor(options: SiweAuthOptions) {
    this.chainId = options.chainId;
    this.origins = options.origins.map((origin) => {
      const url = new URL(origin);
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        throw new TypeError(`an origin must be http(s), got ${origin}`);
      }
      return url;
    });
    this.nonceTtlSeconds = options.nonceTtlSeconds ?? 600;
    this.sessionTtlSeconds = options.sessionTtlSeconds ?? 86_400;
    this.now = options.now ?? Date.now;
    this.store = options.store;
  }

  /** The domains (host[:port]) a message may name. */
  get domains(): string[] {
    return this.origins.map((origin) => origin.host);
  }

  /** Whether the session cookie should be `Secure` (the dashboard is served over https). */
  get secure(): boolean {
    return this.origins.length > 0 && this.origins.every((origin) => origin.protocol === "https:");
  }

  /** A fresh single-use nonce (128 random bits as hex, alphanumeric as EIP-4361 asks) and its expiry. */
  async issueNonce(): Promise<{ nonce: string; expiresAt: number }> {
    const nowSeconds = this.seconds();
    const nonce = randomBytes(16).toString("hex");
    const expiresAt = nowSeconds + this.nonceTtlSeconds;
    await this.store.addSiweNonce(nonce, expiresAt, { now: nowSeconds, maxPending: MAX_PENDING_NONCES });
    return { nonce, expiresAt };
  }

  /**
   * Checks a signed EIP-4361 message: domain and URI on one of the origins, the guild's chain, a nonce
   * issued here and not used or expired, its validity window, and the signature of its address. Opens
   * a session and returns its id (the cookie's value) with the session.
   * @throws ApiProblem: InvalidSiweMessage, SiweDomainMismatch, SiweUriMismatch, SiweChainMismatch,
   *   SiweNonceInvalid, SiweMessageExpired, SiweSignatureInvalid
   */
  async signIn(message: string, signature: Hex): Promise<{ id: string; session: Session }> {
    const parsed = parseSiweMessage(message) as Partial<SiweMessage>;
    const { address, domain, uri, nonce, chainId, version } = parsed;
    if (
      address === undefined ||
      domain === undefined ||
      uri === undefined ||
      nonce === undefined ||
      chainId === undefined ||
      version !== "1"
    ) {
      throw new ApiProblem(
        "InvalidSiweMessage",
        "the message is not an EIP-4361 message with an address, domain, URI, version 1, chain id and nonce",
        {
          missing: Object.entries({ address, domain, uri, nonce, chainId, version })
            .filter(([, v]) => v === undefined)
            .map(([k]) => k),
        },
      );
    }
    // The nonce is spent first, so a message can be tried once whatever fails after, on any process.
    const nowSeconds = this.seconds();
    const nonceLive = await this.store.takeSiweNonce(nonce, nowSeconds);
    const origin = this.origins.find((o) => o.host === domain);
    if (origin === undefined) {
      throw new ApiProblem("SiweDomainMismatch", `the message is for ${domain}, not for this node`, {
        domain,
        expected: this.domains,
      });
    }
    let uriOrigin: string | undefined;
    try {
      uriOrigin = new URL(uri).origin;
    } catch {
      uriOrigin = undefined;
    }
    if (
      uriOrigin !== origin.origin ||
      (parsed.scheme !== undefined && `${parsed.scheme}:` !== origin.protocol)
    ) {
      throw new ApiProblem("SiweUriMismatch", `the message's URI ${uri} is not on ${origin.origin}`, {
        uri,
        expected: origin.origin,
      });
    }
    if (chainId !== this.chainId) {
      throw new ApiProblem(
        "SiweChainMismatch",
        `the message is for chain ${chainId}, the guild is on ${this.chainId}`,
        {
          chainId,
          expected: this.chainId,
        },
      );
    }
    if (!nonceLive) {
      throw new ApiProblem(
        "SiweNonceInvalid",
        "the nonce was not issued by this node, was used already, or expired: get a new one",
        { nonce },
      );
    }
    const time = new Date(this.now());
    if (!validateSiweMessage({ message: parsed, domain: origin.host, nonce, time })) {
      throw new ApiProblem(
        "SiweMessageExpired",
        "the message is not valid now (its expiration or not-before time)",
        {
          expirationTime: parsed.expirationTime?.toISOString() ?? null,
          notBefore: parsed.notBefore?.toISOString() ?? null,
        },
      );
    }
    let valid = false;
    try {
      valid = await verifyMessage({ address, message, signature });
    } catch {
      valid = false;
    }
    if (!valid) {
      throw new ApiProblem(
        "SiweSignatureInvalid",
        `the signature is not ${address}'s signature of the message`,
        {
          address,
        },
      );
    }
    const expiresByMessage =
      parsed.expirationTime === undefined
        ? Number.POSITIVE_INFINITY
        : Math.floor(parsed.expirationTime.getTime() / 1000);
    const session: Session = {
      address: getAddress(address),
      chainId,
      issuedAt: nowSeconds,
      expiresAt: Math.min(nowSeconds + this.sessionTtlSeconds, expiresByMessage),
    };
    const id = randomBytes(32).toString("base64url");
    await this.store.saveSiweSession(id, session, nowSeconds);
    return { id, session };
  }

  /** The live session with this id, if any (an expired one is absent). */
  async session(id: string): Promise<Session | undefined> {
    return this.store.getSiweSession(id, this.seconds());
  }

  /** Ends the session, for every process on the store; @returns whether there was one. */
  async signOut(id: string): Promise<boolean> {
    return this.store.deleteSiweSession(id);
  }

  private seconds(): number {
    return Math.floor(this.now() / 1000);
  }
}
