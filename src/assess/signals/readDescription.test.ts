import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { normaliseUrl, readDescription } from "./readDescription.ts";

const LINES = [
  "Adds retries to the chain client so a dropped connection no longer fails an epoch.",
  "",
  "The client now waits with exponential backoff and gives up after five attempts.",
  "- Retries reads and writes separately.",
  "- Logs every retry with its cause.",
  "",
  "See https://github.com/guild/guild/issues/12 for the outage that prompted it.",
];
const CLEAN = LINES.join("\n");
/** Each line's sentence said twice over. */
const DOUBLED = LINES.map((line) => (line === "" ? line : `${line} ${line.replace(/^- /u, "")}`)).join("\n");

describe("readDescription", () => {
  it("counts words, new words, paragraphs, list items and links", () => {
    const signals = readDescription(CLEAN);
    assert.deepEqual(signals, {
      words: 46,
      newWords: 46,
      placeholderWords: 0,
      paragraphs: 3,
      listItems: 2,
      urls: ["github.com/guild/guild/issues/12"],
    });
  });

  it("counts a repeated description, paragraph or sentence once", () => {
    const once = readDescription(CLEAN);
    for (const padded of [
      `${CLEAN}\n\n${CLEAN}\n\n${CLEAN}`,
      `${CLEAN}\n${CLEAN}`,
      `${CLEAN} ${CLEAN}`,
      DOUBLED,
    ]) {
      const signals = readDescription(padded);
      assert.ok(signals.words > once.words);
      assert.equal(signals.newWords, once.newWords);
      assert.equal(signals.paragraphs, once.paragraphs);
      assert.equal(signals.listItems, once.listItems);
      assert.deepEqual(signals.urls, once.urls);
    }
  });

  it("gives filler runs and empty list items nothing", () => {
    const once = readDescription(CLEAN);
    const padded = readDescription(
      `${CLEAN}\n\n${"very ".repeat(500)}\n\n${"great, great! ".repeat(100)}\n- \n- ok\n- ok ok ok ok`,
    );
    assert.equal(padded.newWords, once.newWords);
    assert.equal(padded.paragraphs, once.paragraphs);
    assert.equal(padded.listItems, once.listItems);
  });

  it("tells links apart by what they point to, not how they are written", () => {
    assert.equal(normaliseUrl("https://www.GitHub.com/guild/guild/#readme"), "github.com/guild/guild");
    assert.equal(normaliseUrl("http://github.com/guild/guild."), "github.com/guild/guild");
    assert.deepEqual(
      readDescription("[repo](https://github.com/a/b) and https://github.com/a/b/ and https://x.org/y").urls,
      ["github.com/a/b", "x.org/y"],
    );
  });

  it("reads an empty description as nothing", () => {
    assert.deepEqual(readDescription(""), {
      words: 0,
      newWords: 0,
      placeholderWords: 0,
      paragraphs: 0,
      listItems: 0,
      urls: [],
    });
  });

  it("reads placeholder text (lorem ipsum) as no new words and no structure, however new it looks", () => {
    const lorem =
      "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat.";
    const padded = readDescription(`${CLEAN}\n\n${lorem}`);
    const clean = readDescription(CLEAN);
    assert.equal(padded.newWords, clean.newWords);
    assert.equal(padded.paragraphs, clean.paragraphs);
    assert.equal(padded.placeholderWords, 36);
    assert.equal(padded.words, clean.words + 36);
    // The generators' other words too, and a placeholder sentence inside a real paragraph.
    const generated = readDescription(
      "Adds retries to the chain client. Pellentesque habitant morbi tristique senectus et netus malesuada fames.",
    );
    assert.equal(generated.placeholderWords, 9);
    assert.equal(generated.newWords, 6);
    // English that borrows a Latin word or two is read as English.
    const english = readDescription(
      "The quorum is set in the config, et cetera, and a veto ex post is possible via the timelock.",
    );
    assert.equal(english.placeholderWords, 0);
  });
});
