import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createProgress } from "./progress.ts";

describe("createProgress", () => {
  it("writes one line per tenth when the stream is not a terminal, and nothing when quiet", () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (s: string) => lines.push(s) } as unknown as NodeJS.WriteStream;
    let t = 0;
    const bar = createProgress("assess", 100, { stream, now: () => (t += 100) });
    for (let i = 0; i <= 100; i++) bar.update(i);
    bar.finish("done");
    assert.equal(lines.length, 12);
    assert.match(lines[0] ?? "", /^assess \[-{30}\] 0\/100 /);
    assert.match(lines[10] ?? "", /^assess \[#{30}\] 100\/100 /);
    assert.equal(lines[11], "done\n");
    const quiet: string[] = [];
    const silent = createProgress("x", 10, {
      quiet: true,
      stream: { isTTY: false, write: (s: string) => quiet.push(s) } as unknown as NodeJS.WriteStream,
    });
    silent.update(5);
    silent.finish("done");
    assert.deepEqual(quiet, []);
  });
});
