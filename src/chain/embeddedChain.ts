// The embedded chain: Hardhat's EDR in this process, made durable by a write-ahead journal of every
// state-changing JSON-RPC request, replayed with the same block timestamps on the next start.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  truncateSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { EIP1193Provider } from "viem";
import { GuildError } from "../core/errors.ts";

/** The journal could not be read back: the data directory holds a chain this build cannot replay. */
export class ChainJournalCorrupt extends GuildError {}

/** A request the embedded chain refuses because replaying it would not give the same chain. */
export class UnsupportedChainRequest extends GuildError {}

/** The well-known Hardhat development mnemonic: its accounts are funded on the embedded chain only. */
export const DEV_MNEMONIC = "test test test test test test test test test test test junk";
export const EMBEDDED_CHAIN_ID = 31337;
const JOURNAL_VERSION = 1;
const PACKAGE_ROOT = join(import.meta.dirname, "..", "..");

/** Requests that mine a block: each gets an explicit timestamp so replay reproduces the same blocks. */
const MINING = new Set(["eth_sendTransaction", "eth_sendRawTransaction", "evm_mine"]);
/** Requests that change state without mining; journaled and replayed as they are. */
const STATEFUL = new Set([
  "hardhat_setBalance",
  "hardhat_setCode",
  "hardhat_setNonce",
  "hardhat_setStorageAt",
]);
/** Requests whose effect cannot be replayed faithfully from a journal. */
const REFUSED = new Set(["evm_snapshot", "evm_revert", "hardhat_reset", "evm_setAutomine"]);

type JournalHeader = { kind: "header"; version: number; chainId: number; genesisTime: number };
type JournalEntry = { kind: "request"; method: string; params: unknown[]; timestamp?: number };
type JournalTime = { kind: "time"; offsetSeconds: number };
type JournalLine = JournalHeader | JournalEntry | JournalTime;

export interface EmbeddedChain {
  /** An EIP-1193 provider for viem's `custom()` transport. */
  readonly provider: EIP1193Provider;
  readonly chainId: number;
  /** How many journaled requests were replayed at start. */
  readonly replayed: number;
  close(): Promise<void>;
}

export interface EmbeddedChainOptions {
  /** Directory that holds `chain.journal`; created if missing. */
  dataDir: string;
  /** Wall clock in unix seconds; tests pass a fixed one. */
  now?: () => number;
}

/**
 * Opens the embedded chain in `dataDir`, replaying its journal if there is one.
 *
 * Every request that changes state is appended to the journal and fsynced before it runs, with the
 * timestamp its block will carry, so a process killed at any point restarts into the same chain (the
 * last request is re-run if it was journaled but not executed). `evm_increaseTime` moves the chain's
 * clock forward and is journaled too. Requests that cannot be replayed (snapshots, resets) are refused.
 * @throws ChainJournalCorrupt when the journal is not one this code wrote
 */
export async function openEmbeddedChain(options: EmbeddedChainOptions): Promise<EmbeddedChain> {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  mkdirSync(options.dataDir, { recursive: true });
  const path = join(options.dataDir, "chain.journal");
  const { lines, validBytes } = existsSync(path) ? readJournal(path) : { lines: [], validBytes: 0 };
  if (existsSync(path)) truncateSync(path, validBytes);
  let header = lines[0] as JournalHeader | undefined;
  const isNew = header === undefined;
  if (header === undefined) {
    header = { kind: "header", version: JOURNAL_VERSION, chainId: EMBEDDED_CHAIN_ID, genesisTime: now() };
  }
  if (header.kind !== "header" || header.version !== JOURNAL_VERSION) {
    throw new ChainJournalCorrupt(`${path} is not a Guild chain journal of version ${JOURNAL_VERSION}`, {
      path,
      header,
    });
  }

  const { createHardhatRuntimeEnvironment } = await import("hardhat/hre");
  const hre = await createHardhatRuntimeEnvironment(
    {
      // No artifacts: Hardhat would otherwise load every compiler output it finds there (hundreds of
      // MiB) to decode Solidity stack traces, which Guild does not use (viem decodes reverts by ABI).
      paths: { artifacts: join(options.dataDir, "no-artifacts") },
      networks: {
        embedded: {
          type: "edr-simulated",
          chainId: header.chainId,
          initialDate: new Date(header.genesisTime * 1000),
          hardfork: "prague",
          allowBlocksWithSameTimestamp: true,
          accounts: { mnemonic: DEV_MNEMONIC, count: 20, accountsBalance: 10n ** 24n },
          mining: { auto: true, interval: 0 },
          throwOnTransactionFailures: true,
          throwOnCallFailures: true,
        },
      },
    },
    {},
    PACKAGE_ROOT,
  );
  const connection = await hre.network.create({ network: "embedded" });
  const inner = connection.provider as unknown as EIP1193Provider;

  let offsetSeconds = 0;
  let lastTimestamp = header.genesisTime;
  const send = (method: string, params: unknown[]) =>
    inner.request({ method, params } as never) as Promise<unknown>;

  // Replay: same requests, same timestamps. Failures are expected where the original failed too.
  let replayed = 0;
  for (const line of lines.slice(1)) {
    if (line.kind === "time") {
      await send("evm_increaseTime", [line.offsetSeconds - offsetSeconds]);
      offsetSeconds = line.offsetSeconds;
      continue;
    }
    if (line.kind !== "request") continue;
    if (line.timestamp !== undefined) {
      await send("evm_setNextBlockTimestamp", [line.timestamp]);
      lastTimestamp = line.timestamp;
    }
    await send(line.method, line.params).catch(() => undefined);
    replayed++;
  }

  const fd = openSync(path, "a");
  const append = (line: JournalLine) => {
    writeSync(
      fd,
      `${JSON.stringify(line, (_k, v) => (typeof v === "bigint" ? `0x${v.toString(16)}` : v))}\n`,
    );
    fsyncSync(fd);
  };
  if (isNew) append(header);

  // One request at a time, so the journal's order is the execution order.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const result = queue.then(task, task);
    queue = result.catch(() => undefined);
    return result;
  };

  const mine = async (method: string, args: unknown[]) => {
    // Blocks may share a second (as on many L2s), so block time never runs ahead of the clock and
    // EDR's own clock, which it uses for gas estimation and calls, agrees with the next block's.
    const timestamp = Math.max(now() + offsetSeconds, lastTimestamp);
    append({ kind: "request", method, params: args, timestamp });
    await send("evm_setNextBlockTimestamp", [timestamp]);
    lastTimestamp = timestamp;
    return send(method, args);
  };

  const request = async ({ method, params }: { method: string; params?: unknown }): Promise<unknown> => {
    const args = (Array.isArray(params) ? params : params === undefined ? [] : [params]) as unknown[];
    if (REFUSED.has(method)) {
      throw new UnsupportedChainRequest(
        `${method} is not supported by the embedded chain: it cannot be replayed`,
        {
          method,
        },
      );
    }
    if (method === "evm_increaseTime") {
      return serial(async () => {
        const seconds = Number(args[0]);
        if (!Number.isSafeInteger(seconds) || seconds < 0) {
          throw new UnsupportedChainRequest(
            "evm_increaseTime takes a whole, non-negative number of seconds",
            {
              seconds: args[0],
            },
          );
        }
        offsetSeconds += seconds;
        append({ kind: "time", offsetSeconds });
        // EDR keeps its own clock for pending blocks (gas estimation, calls): move it too.
        await send("evm_increaseTime", [seconds]);
        return `0x${offsetSeconds.toString(16)}`;
      });
    }
    if (method === "evm_setNextBlockTimestamp") {
      return serial(async () => {
        const target = Number(args[0]);
        const next = Math.max(offsetSeconds, target - now());
        append({ kind: "time", offsetSeconds: next });
        await send("evm_increaseTime", [next - offsetSeconds]);
        offsetSeconds = next;
        return null;
      });
    }
    if (MINING.has(method)) return serial(() => mine(method, args));
    if (method === "hardhat_mine") {
      // Mined one block at a time so that each gets a journaled timestamp.
      return serial(async () => {
        const blocks = args[0] === undefined ? 1 : Number(args[0]);
        for (let i = 0; i < blocks; i++) await mine("evm_mine", []);
        return null;
      });
    }
    if (STATEFUL.has(method)) {
      return serial(async () => {
        append({ kind: "request", method, params: args });
        return send(method, args);
      });
    }
    return send(method, args);
  };

  const provider = {
    request,
    on: () => provider,
    removeListener: () => provider,
  } as unknown as EIP1193Provider;
  return {
    provider,
    chainId: header.chainId,
    replayed,
    close: async () => {
      await queue;
      closeSync(fd);
      await connection.close();
    },
  };
}

/**
 * Reads the journal. A last line cut short by a crash (no newline yet) is dropped, and `validBytes`
 * says where the good part ends so the file can be cut back before appending; any other bad line is
 * an error.
 */
function readJournal(path: string): { lines: JournalLine[]; validBytes: number } {
  const buffer = readFileSync(path);
  const end = buffer.lastIndexOf(0x0a) + 1;
  const raw = buffer.subarray(0, end).toString("utf8").split("\n");
  const lines: JournalLine[] = [];
  for (let i = 0; i < raw.length; i++) {
    const line = raw[i];
    if (line === undefined || line === "") continue;
    try {
      lines.push(JSON.parse(line) as JournalLine);
    } catch (cause) {
      throw new ChainJournalCorrupt(
        `${path} line ${i + 1} is not valid JSON`,
        { path, line: i + 1 },
        { cause },
      );
    }
  }
  return { lines, validBytes: end };
}
