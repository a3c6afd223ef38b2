// Test helpers: a valid contribution from a few fields, and fast-check arbitraries of contributions.
import fc from "fast-check";
import {
  CONTRIBUTION_KINDS,
  type Contribution,
  type ContributionContent,
  contributionId,
} from "../../core/contribution/contribution.ts";

/** A contribution whose id matches its content, with the given fields over plain defaults. */
export function contributionOf(fields: Partial<ContributionContent> = {}): Contribution {
  // Field by field, so that passing a whole contribution (with its id and source) keeps only its content.
  const content: ContributionContent = {
    epochId: fields.epochId ?? 1,
    contributor: fields.contributor ?? { kind: "unmapped", source: "test", name: "ada" },
    kind: fields.kind ?? "code",
    title: fields.title ?? "Add retries to the fetcher",
    description: fields.description ?? "Retries failed fetches three times with backoff.",
    links: fields.links ?? [],
    metrics: fields.metrics ?? {},
    createdAt: fields.createdAt ?? 1_700_000_000,
  };
  return {
    ...content,
    id: contributionId(content),
    source: { kind: "git", repository: "guild", commit: "abc" },
  };
}

/** A small vocabulary for generated descriptions. */
export const WORDS = [
  "adds",
  "retries",
  "fetcher",
  "tests",
  "docs",
  "fixes",
  "the",
  "a",
  "of",
  "cache",
  "node",
  "epoch",
  "report",
  "faster",
  "storage",
  "users",
  "filecoin",
  "proofs",
  "merkle",
  "claims",
  "review",
  "design",
];

/** Descriptions of words, sentences, list items, paragraphs and links, up to a few hundred words. */
export const arbitraryDescription: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 14 }).map((w) => `${w.join(" ")}.`),
      fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 8 }).map((w) => `\n- ${w.join(" ")}`),
      fc.constant("\n\n"),
      fc.webUrl().map((url) => ` ${url} `),
    ),
    { maxLength: 40 },
  )
  .map((parts) => parts.join(" "));

/** Metrics the signals model reads (any sign, some absurd) and some it ignores. */
export const arbitraryMetrics: fc.Arbitrary<Record<string, number>> = fc.record(
  {
    linesAdded: fc.integer({ min: -10, max: 3_000_000 }),
    linesDeleted: fc.nat({ max: 50_000 }),
    filesChanged: fc.nat({ max: 500 }),
    testsTouched: fc.nat({ max: 60 }),
    docsTouched: fc.nat({ max: 60 }),
    stars: fc.oneof(fc.nat({ max: 10_000 }), fc.constant(Number.MAX_SAFE_INTEGER)),
    forks: fc.integer({ min: -5, max: 5000 }),
    contributors: fc.nat({ max: 3000 }),
    recentContributors: fc.nat({ max: 100 }),
    releases: fc.nat({ max: 400 }),
    ageMonths: fc.nat({ max: 1000 }),
    packageCount: fc.nat({ max: 30 }),
  },
  { requiredKeys: [] },
);

/** Any valid contribution. */
export const arbitraryContribution: fc.Arbitrary<Contribution> = fc
  .record({
    kind: fc.constantFrom(...CONTRIBUTION_KINDS),
    title: fc.string({ minLength: 1, maxLength: 80 }).filter((t) => t.trim() !== ""),
    description: arbitraryDescription,
    links: fc.array(fc.webUrl(), { maxLength: 6 }),
    metrics: arbitraryMetrics,
  })
  .map((fields) => contributionOf(fields));
