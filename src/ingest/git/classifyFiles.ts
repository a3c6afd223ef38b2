// Which kind of work a set of touched files is, and how many of them are tests or docs.
import type { ContributionKind } from "../../core/contribution/contribution.ts";

const DOC_EXTENSIONS = new Set(["md", "mdx", "markdown", "rst", "adoc", "asciidoc", "txt", "textile", "org"]);
const DOC_DIRECTORIES = new Set(["doc", "docs", "documentation", "wiki"]);
const DOC_NAMES =
  /^(readme|changelog|changes|history|contributing|code_of_conduct|authors|notice|license|licence|copying)$/i;
const DESIGN_EXTENSIONS = new Set([
  "svg",
  "png",
  "jpg",
  "jpeg",
  "gif",
  "webp",
  "ico",
  "fig",
  "sketch",
  "psd",
  "ai",
  "xd",
]);
const TEST_DIRECTORIES = new Set([
  "test",
  "tests",
  "__tests__",
  "spec",
  "specs",
  "e2e",
  "testdata",
  "fixtures",
]);
const TEST_NAMES = [
  /\.(test|spec)\.[^/]+$/i,
  /_test\.[^/.]+$/i,
  /^test_[^/]+\.py$/i,
  /(Test|Tests)\.(java|kt|cs|swift|scala)$/,
  /\.t\.sol$/,
];

function parts(path: string): { directories: string[]; name: string; extension: string } {
  const segments = path.split("/");
  const name = segments.pop() ?? "";
  const dot = name.lastIndexOf(".");
  return {
    directories: segments.map((s) => s.toLowerCase()),
    name,
    extension: dot > 0 ? name.slice(dot + 1).toLowerCase() : "",
  };
}

/** Documentation: prose files (Markdown, reStructuredText, text…), READMEs and licences, anything under docs/. */
export function isDocsPath(path: string): boolean {
  const { directories, name, extension } = parts(path);
  return (
    DOC_EXTENSIONS.has(extension) || DOC_NAMES.test(name) || directories.some((d) => DOC_DIRECTORIES.has(d))
  );
}

/** Tests: files under test directories, and the usual test file names (`*.test.ts`, `*_test.go`, `test_*.py`, `*Test.java`, `*.t.sol`). */
export function isTestPath(path: string): boolean {
  const { directories, name } = parts(path);
  return directories.some((d) => TEST_DIRECTORIES.has(d)) || TEST_NAMES.some((pattern) => pattern.test(name));
}

/** Design assets: images and design tool files. */
export function isDesignPath(path: string): boolean {
  return DESIGN_EXTENSIONS.has(parts(path).extension);
}

/**
 * The kind of a change touching `paths` (repository-relative, `/`-separated): `other` when it touches
 * nothing (an empty commit, a merge shown without its diff); `docs` when every file is documentation
 * or an image beside it, at least one being documentation; `design` when every file is a design asset;
 * `code` otherwise (tests, configuration and build files are code).
 */
export function classifyFiles(paths: readonly string[]): {
  kind: ContributionKind;
  testsTouched: number;
  docsTouched: number;
} {
  let docsTouched = 0;
  let testsTouched = 0;
  let designTouched = 0;
  for (const path of paths) {
    const docs = isDocsPath(path);
    if (docs) docsTouched += 1;
    else if (isDesignPath(path)) designTouched += 1;
    if (isTestPath(path)) testsTouched += 1;
  }
  let kind: ContributionKind = "code";
  if (paths.length === 0) kind = "other";
  else if (testsTouched === 0 && docsTouched > 0 && docsTouched + designTouched === paths.length)
    kind = "docs";
  else if (testsTouched === 0 && designTouched === paths.length) kind = "design";
  return { kind, testsTouched, docsTouched };
}
