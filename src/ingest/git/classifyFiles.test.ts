import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { classifyFiles, isDocsPath, isTestPath } from "./classifyFiles.ts";

describe("classifyFiles", () => {
  it("calls a change docs only when every file is documentation (images beside it allowed)", () => {
    assert.equal(classifyFiles(["README.md", "docs/guide/setup.ts", "docs/img/flow.png"]).kind, "docs");
    assert.equal(classifyFiles(["LICENSE", "CHANGELOG"]).kind, "docs");
    assert.equal(classifyFiles(["README.md", "src/index.ts"]).kind, "code");
    assert.equal(classifyFiles(["test/fixtures/notes.md"]).kind, "code");
  });

  it("calls image and design files design, nothing other, and the rest code", () => {
    assert.equal(classifyFiles(["assets/logo.svg", "assets/logo.fig"]).kind, "design");
    assert.equal(classifyFiles([]).kind, "other");
    assert.equal(classifyFiles(["package.json"]).kind, "code");
  });

  it("counts tests and docs", () => {
    assert.deepEqual(
      classifyFiles(["src/a.test.ts", "pkg/b_test.go", "tests/c.py", "README.md", "src/d.ts"]),
      {
        kind: "code",
        testsTouched: 3,
        docsTouched: 1,
      },
    );
    for (const path of ["src/__tests__/x.js", "test_a.py", "FooTest.java", "test/Token.t.sol", "spec/a.rb"]) {
      assert.ok(isTestPath(path), path);
    }
    for (const path of ["src/testing.ts", "contest.ts", "src/latest.ts"])
      assert.equal(isTestPath(path), false, path);
    for (const path of ["docs/ü n.md", "a/b/README", "notes.rst"]) assert.ok(isDocsPath(path), path);
    assert.equal(isDocsPath("src/readme.ts.bak"), false);
  });
});
