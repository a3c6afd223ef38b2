// What full marks look like for each kind of contribution, and which signals a kind is expected to carry.
import type { ContributionKind } from "../../core/contribution/contribution.ts";

/** The reference points the signals model scales a contribution of one kind against. */
export interface KindBaseline {
  /** Lines changed (added + deleted) that earn full marks for size. */
  fullLines: number;
  /** Files changed that earn full marks for size. */
  fullFiles: number;
  /** New words in the description that earn full marks for substance. */
  fullNewWords: number;
  /** Distinct paragraphs and list items that earn full marks for structure. */
  fullBlocks: number;
  /**
   * Whether tests and docs are expected of this kind. Expected: they count like any signal, so none
   * touched lowers the score. Optional: they count only where they raise it.
   */
  tests: "expected" | "optional";
  docs: "expected" | "optional";
  /** Which group of metrics this kind normally comes with; none of them given is flagged "metrics-missing". */
  expectedMetrics: "change" | "project" | "none";
}

/**
 * Per kind. A code change is full-size at 1,000 lines in 20 files and a docs change at 400 lines in 8;
 * a grant application describes a whole project, so its description is expected to say more
 * (400 new words) than a pull request's (150).
 */
export const KIND_BASELINES: Readonly<Record<ContributionKind, Readonly<KindBaseline>>> = {
  code: {
    fullLines: 1000,
    fullFiles: 20,
    fullNewWords: 150,
    fullBlocks: 6,
    tests: "expected",
    docs: "optional",
    expectedMetrics: "change",
  },
  docs: {
    fullLines: 400,
    fullFiles: 8,
    fullNewWords: 150,
    fullBlocks: 6,
    tests: "optional",
    docs: "expected",
    expectedMetrics: "change",
  },
  research: {
    fullLines: 1000,
    fullFiles: 10,
    fullNewWords: 400,
    fullBlocks: 10,
    tests: "optional",
    docs: "optional",
    expectedMetrics: "none",
  },
  review: {
    fullLines: 1000,
    fullFiles: 20,
    fullNewWords: 100,
    fullBlocks: 4,
    tests: "optional",
    docs: "optional",
    expectedMetrics: "none",
  },
  design: {
    fullLines: 400,
    fullFiles: 10,
    fullNewWords: 200,
    fullBlocks: 6,
    tests: "optional",
    docs: "optional",
    expectedMetrics: "none",
  },
  grant: {
    fullLines: 20_000,
    fullFiles: 400,
    fullNewWords: 400,
    fullBlocks: 10,
    tests: "optional",
    docs: "optional",
    expectedMetrics: "project",
  },
  other: {
    fullLines: 500,
    fullFiles: 10,
    fullNewWords: 150,
    fullBlocks: 6,
    tests: "optional",
    docs: "optional",
    expectedMetrics: "none",
  },
};
