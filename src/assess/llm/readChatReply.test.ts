import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { readChatReply } from "./readChatReply.ts";

/** A completion as Ollama's OpenAI-compatible endpoint sends it. */
const OLLAMA = {
  id: "chatcmpl-812",
  object: "chat.completion",
  created: 1_735_000_000,
  model: "qwen2.5:7b-instruct",
  system_fingerprint: "fp_ollama",
  choices: [{ index: 0, message: { role: "assistant", content: '{"a":1}' }, finish_reason: "stop" }],
  usage: { prompt_tokens: 812, completion_tokens: 95, total_tokens: 907 },
};

const body = (edit: (b: Record<string, unknown>) => void): string => {
  const copy = structuredClone(OLLAMA) as unknown as Record<string, unknown>;
  edit(copy);
  return JSON.stringify(copy);
};

describe("readChatReply", () => {
  it("reads the content, the model, the fingerprint and the token counts", () => {
    assert.deepEqual(readChatReply(JSON.stringify(OLLAMA)), {
      ok: true,
      content: '{"a":1}',
      meta: {
        model: "qwen2.5:7b-instruct",
        systemFingerprint: "fp_ollama",
        digest: null,
        promptTokens: 812,
        completionTokens: 95,
      },
    });
  });

  it("records a weights digest when the server sends one, and copes with missing metadata", () => {
    const withDigest = readChatReply(body((b) => Object.assign(b, { model_digest: "sha256:abc" })));
    assert.equal(withDigest.meta.digest, "sha256:abc");
    const bare = readChatReply(
      body((b) => {
        delete b.system_fingerprint;
        delete b.usage;
        delete b.model;
      }),
    );
    assert.ok(bare.ok);
    assert.deepEqual(bare.meta, {
      model: null,
      systemFingerprint: null,
      digest: null,
      promptTokens: null,
      completionTokens: null,
    });
  });

  it("refuses a reply that is not whole, with the metadata still read", () => {
    const refused: [string, RegExp][] = [
      [body((b) => Object.assign(b, { choices: [] })), /no choices/],
      [
        body((b) =>
          Object.assign(b, {
            choices: [{ index: 0, message: { role: "assistant", content: "{" }, finish_reason: "length" }],
          }),
        ),
        /max_tokens/,
      ],
      [
        body((b) =>
          Object.assign(b, {
            choices: [
              { index: 0, message: { role: "assistant", content: "" }, finish_reason: "content_filter" },
            ],
          }),
        ),
        /content filter/,
      ],
      [
        body((b) =>
          Object.assign(b, {
            choices: [
              {
                index: 0,
                message: { role: "assistant", content: null, refusal: "I can't help." },
                finish_reason: "stop",
              },
            ],
          }),
        ),
        /refused: I can't help/,
      ],
      [
        body((b) =>
          Object.assign(b, { choices: [{ index: 0, message: { role: "assistant", content: null } }] }),
        ),
        /no text content/,
      ],
      [body((b) => Object.assign(b, { error: { message: "model not found" } })), /model not found/],
    ];
    for (const [text, reason] of refused) {
      const reply = readChatReply(text);
      assert.equal(reply.ok, false, text);
      if (!reply.ok) assert.match(reply.reason, reason);
      assert.equal(reply.meta.model, "qwen2.5:7b-instruct");
    }
    for (const text of ["", "<html></html>", "[]", '{"a":1}{"b":2}'])
      assert.equal(readChatReply(text).ok, false, text);
  });
});
