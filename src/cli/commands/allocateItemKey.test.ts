import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { itemKey } from "./allocateItemKey.ts";

describe("itemKey", () => {
  it("matches spellings of one URL: case, scheme, www., trailing slash, .git, query and fragment", () => {
    const key = "github.com/ethereum/eips";
    for (const spelling of [
      "https://github.com/ethereum/EIPs",
      "http://www.github.com/Ethereum/eips/",
      " https://github.com/ethereum/eips.git ",
      "github.com/ethereum/eips#readme",
      "https://github.com/ethereum/eips?tab=1",
    ])
      assert.equal(itemKey(spelling), key, spelling);
  });

  it("keeps other ids as they are, only trimmed", () => {
    assert.equal(itemKey(" Alice "), "Alice");
    assert.notEqual(itemKey("alice"), itemKey("Alice"));
    assert.equal(itemKey("04075bb8-3220-4e24-85fe-91595b81548c"), "04075bb8-3220-4e24-85fe-91595b81548c");
    assert.equal(itemKey("alice.eth"), "alice.eth");
  });
});
