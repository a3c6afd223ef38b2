// The embedded chain over JSON-RPC, for wallets in the dashboard: that chain runs inside the node, so a
// browser has no other way to it. Served: the reads a wallet and viem need, and signed raw transactions,
// which go through the embedded provider and so are journaled like every write. Refused: anything that
// would act as an account the chain holds keys for or rewrite the chain (eth_sendTransaction, eth_accounts,
// eth_sign*, personal_*, evm_*, hardhat_*, debug_*). With a real chain the route answers NotEmbedded: a
// wallet talks to that chain's own endpoint.
import type { Address, TransactionSerialized } from "viem";
import { BaseError, recoverTransactionAddress } from "viem";
import { ApiProblem } from "../apiProblem.ts";
import type { JsonRpcResponse } from "../apiTypes.ts";
import type { ApiDeps, ApiRoute } from "../defineRoute.ts";
import { defineRoute } from "../defineRoute.ts";

/** The methods the relay serves: reads, and eth_sendRawTransaction. */
export const RELAYED_METHODS: ReadonlySet<string> = new Set([
  "eth_chainId",
  "net_version",
  "eth_blockNumber",
  "eth_call",
  "eth_estimateGas",
  "eth_getTransactionCount",
  "eth_getTransactionReceipt",
  "eth_getTransactionByHash",
  "eth_gasPrice",
  "eth_maxPriorityFeePerGas",
  "eth_feeHistory",
  "eth_getBlockByNumber",
  "eth_getBlockByHash",
  "eth_getBalance",
  "eth_getCode",
  "eth_getStorageAt",
  "eth_getLogs",
  "eth_sendRawTransaction",
]);

/** Most calls in one batch. A batch counts as one request against the rate limits. */
export const MAX_BATCH = 20;

/** JSON-RPC 2.0's error codes the relay answers with itself. */
const INVALID_REQUEST = -32600;
const METHOD_NOT_FOUND = -32601;
const INVALID_PARAMS = -32602;
const INTERNAL_ERROR = -32603;

/** Prefixes of methods refused because they act as the chain's unlocked accounts or change the chain. */
const REFUSED_PREFIXES = ["personal_", "evm_", "hardhat_", "debug_", "anvil_", "eth_sign"];
const REFUSED = new Set(["eth_sendTransaction", "eth_accounts", "eth_requestAccounts", "eth_coinbase"]);

type Id = string | number | null;

export function chainRoutes({ ctx, limits }: ApiDeps): ApiRoute[] {
  const failure = (id: Id, code: number, message: string, data?: unknown): JsonRpcResponse => ({
    jsonrpc: "2.0",
    id,
    error: data === undefined ? { code, message } : { code, message, data },
  });

  /** One call's answer; a rate limit on a raw transaction's sender throws (429 for the request). */
  const answer = async (call: unknown): Promise<JsonRpcResponse> => {
    if (typeof call !== "object" || call === null || Array.isArray(call)) {
      return failure(null, INVALID_REQUEST, 'a call is a JSON object {jsonrpc: "2.0", id, method, params?}');
    }
    const { jsonrpc, id, method, params } = call as Record<string, unknown>;
    if (!(typeof id === "string" || (typeof id === "number" && Number.isFinite(id)) || id === null)) {
      return failure(
        null,
        INVALID_REQUEST,
        id === undefined
          ? "every call needs an id (a string, number or null): the relay answers each"
          : "a call's id is a string, a number or null",
      );
    }
    if (jsonrpc !== "2.0") return failure(id, INVALID_REQUEST, 'jsonrpc must be "2.0"');
    if (typeof method !== "string") return failure(id, INVALID_REQUEST, "method must be a string");
    if (params !== undefined && !Array.isArray(params)) {
      return failure(id, INVALID_PARAMS, "params must be an array", { method });
    }
    if (!RELAYED_METHODS.has(method)) {
      const refused = REFUSED.has(method) || REFUSED_PREFIXES.some((prefix) => method.startsWith(prefix));
      return failure(
        id,
        METHOD_NOT_FOUND,
        refused
          ? `${method} is refused: this relay never acts as an account nor changes the chain other than by a signed raw transaction (eth_sendRawTransaction)`
          : `${method} is not served by this relay`,
        { method },
      );
    }
    const args = (params ?? []) as unknown[];
    let sender: Address | undefined;
    if (method === "eth_sendRawTransaction") {
      const raw = args[0];
      if (args.length !== 1 || typeof raw !== "string" || !/^0x([0-9a-fA-F]{2})+$/.test(raw)) {
        return failure(id, INVALID_PARAMS, "eth_sendRawTransaction takes one signed transaction as hex", {
          method,
        });
      }
      try {
        sender = await recoverTransactionAddress({ serializedTransaction: raw as TransactionSerialized });
      } catch {
        return failure(id, INVALID_PARAMS, "the transaction is not a signed transaction", { method });
      }
      // Signed writes are limited per address, as every signed write the API takes.
      limits.checkAddress(sender);
    }
    try {
      const result = await ctx.chain.publicClient.request({ method, params: args } as never);
      if (sender !== undefined) limits.countAddress(sender);
      return { jsonrpc: "2.0", id, result: result ?? null };
    } catch (error) {
      const cause = chainError(error);
      return cause === undefined
        ? failure(id, INTERNAL_ERROR, "the chain could not answer this call")
        : failure(id, cause.code, cause.message, cause.data);
    }
  };

  return [
    defineRoute({
      method: "post",
      path: "/v1/chain",
      operationId: "chainJsonRpc",
      tag: "chain",
      summary:
        "The embedded chain's JSON-RPC 2.0 for wallets: reads and signed raw transactions, one call or a batch",
      description:
        `Served only when the chain is embedded in the node (NotEmbedded otherwise). Methods: ${[...RELAYED_METHODS].join(", ")}. ` +
        "Any other method is answered with JSON-RPC error -32601, and those that would act as the chain's " +
        "unlocked accounts or change it (eth_sendTransaction, eth_accounts, eth_sign*, personal_*, evm_*, " +
        "hardhat_*) are refused by name. A raw transaction is written to the chain's journal before it " +
        `runs and counts against its sender's rate limit. A batch holds at most ${MAX_BATCH} calls, ` +
        "answered in order; a malformed call gets -32600 (-32602 for bad params) with the others answered.",
      body: { schema: "JsonRpcRequest", description: "a JSON-RPC 2.0 call, or a batch (array) of calls" },
      response: {
        status: 200,
        schema: "JsonRpcResponse",
        description: "the call's answer (a result or a JSON-RPC error object), or the batch's answers",
      },
      errors: ["NotEmbedded"],
      async handle({ body }): Promise<JsonRpcResponse | JsonRpcResponse[]> {
        if (ctx.chain.kind !== "embedded") {
          throw new ApiProblem(
            "NotEmbedded",
            "this node's chain is not embedded: send JSON-RPC to the chain's own endpoint",
            { chain: ctx.chain.kind, chainId: ctx.manifest.chainId },
          );
        }
        if (!Array.isArray(body)) return answer(body);
        if (body.length === 0) return failure(null, INVALID_REQUEST, "the batch is empty");
        if (body.length > MAX_BATCH) {
          return failure(null, INVALID_REQUEST, `a batch holds at most ${MAX_BATCH} calls`, {
            calls: body.length,
          });
        }
        // In order, one after another: a batch's transactions are sent in the order given.
        const answers: JsonRpcResponse[] = [];
        for (const call of body) answers.push(await answer(call));
        return answers;
      },
    }),
  ];
}

/**
 * The chain's own error inside viem's wrapping (viem wraps each provider error, keeping it as `cause`): its
 * JSON-RPC code, message and data (a revert's data, which wallets decode), or undefined when the failure
 * is not a JSON-RPC error of the chain.
 */
function chainError(error: unknown): { code: number; message: string; data?: unknown } | undefined {
  let found: { code: number; message: string; data?: unknown } | undefined;
  for (let e: unknown = error, depth = 0; typeof e === "object" && e !== null && depth < 10; depth++) {
    const { code, message, data, cause } = e as {
      code?: unknown;
      message?: unknown;
      data?: unknown;
      cause?: unknown;
    };
    // viem's wrappers carry codes too, with messages of their own: the chain's error is the one inside.
    const wrapper = e instanceof BaseError;
    if (!wrapper && typeof code === "number" && Number.isInteger(code) && typeof message === "string") {
      found = data === undefined ? { code, message } : { code, message, data: jsonSafe(data) };
    }
    e = cause;
  }
  return found;
}

const jsonSafe = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v)) ?? "null");
