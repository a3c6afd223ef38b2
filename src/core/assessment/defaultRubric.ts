// The rubric a new guild starts with, and the content hash that names a rubric in the governed config.

import type { Hex } from "viem";
import { hashOfFrozen } from "../hash/hashOfFrozen.ts";
import type { Rubric } from "./verdict.ts";

/**
 * The embedded default rubric: four criteria whose weights sum to 10,000 basis points.
 *
 * - impact (35%) weighs most because the guild pays for value delivered to the people who use the work.
 * - rigour (25%) comes next: work that is tested and backed by evidence costs the guild less to trust.
 * - scope (20%) recognises that larger and longer efforts deserve more, but stays below impact and
 *   rigour so that size alone cannot win.
 * - clarity (20%) rewards work others can understand, review and build on.
 *
 * Governance replaces it by voting a new rubric whose hash goes into the assessment config.
 */
export const DEFAULT_RUBRIC: Rubric = Object.freeze({
  version: "guild-default-1",
  criteria: Object.freeze(
    [
      {
        id: "impact",
        question: "How much does this work matter to the people who use it or depend on it?",
        weightBps: 3500,
      },
      {
        id: "rigour",
        question: "Is the work careful and verifiable: tested, released, backed by evidence?",
        weightBps: 2500,
      },
      {
        id: "scope",
        question: "How much work did it take, and how far does it reach?",
        weightBps: 2000,
      },
      {
        id: "clarity",
        question: "Can others understand it, review it and build on it?",
        weightBps: 2000,
      },
    ].map((criterion) => Object.freeze(criterion)),
  ),
});

/**
 * The content hash of a rubric: keccak256 of its canonical JSON, as the governed config names it
 * (computed once for a deeply frozen rubric, as the node holds the governed one).
 */
export function rubricHash(rubric: Rubric): Hex {
  return hashOfFrozen(rubric);
}
