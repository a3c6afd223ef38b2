// A contribution: one piece of work brought into an epoch, signed by its contributor or imported.

import type { Address, Hex } from "viem";
import { keccak256Text } from "../hash/keccak256.ts";
import { canonicalJson } from "../report/canonicalJson.ts";

/** What kind of work it is; the rubric may weigh kinds differently. */
export const CONTRIBUTION_KINDS = ["code", "docs", "research", "review", "design", "grant", "other"] as const;
export type ContributionKind = (typeof CONTRIBUTION_KINDS)[number];

/** Longest title and description accepted, in characters; longer input is refused, not cut. */
export const MAX_TITLE_LENGTH = 200;
export const MAX_DESCRIPTION_LENGTH = 20_000;
export const MAX_LINKS = 20;
export const MAX_METRICS = 64;

/**
 * Who did the work. An Ethereum address when known; otherwise a stable name from the source (a git
 * author's email, a grant application's id) until an identity claim or a mapping file ties it to one.
 */
export type Contributor =
  | { kind: "address"; address: Address }
  | { kind: "unmapped"; source: string; name: string };

/** Where the contribution came from, so the report can say why it is trusted. */
export type ContributionSource =
  | { kind: "signed"; signature: Hex; nonce: bigint }
  | { kind: "git"; repository: string; commit: string }
  | { kind: "round"; file: string; applicationId: string };

/**
 * The content of a contribution: everything an evaluator may look at. Metrics are numbers with
 * source-defined names (`linesAdded`, `testsTouched`, `stars`, …); text is data, never instructions.
 */
export interface ContributionContent {
  epochId: number;
  contributor: Contributor;
  kind: ContributionKind;
  title: string;
  description: string;
  links: readonly string[];
  metrics: Readonly<Record<string, number>>;
  /** Unix seconds when the work was done or submitted (commit time, application time, signature time). */
  createdAt: number;
}

export interface Contribution extends ContributionContent {
  /** keccak256 of the canonical JSON of the content: the same work always has the same id. */
  id: Hex;
  source: ContributionSource;
}

/** A contribution without its text and metrics: who, what kind, its title, where it came from. */
export type ContributionHead = Pick<
  Contribution,
  "id" | "contributor" | "kind" | "title" | "source" | "createdAt"
>;

/** The id of a contribution's content: keccak256 of its canonical JSON. */
export function contributionId(content: ContributionContent): Hex {
  return keccak256Text(canonicalJson(content));
}
