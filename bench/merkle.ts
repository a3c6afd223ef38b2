// Merkle benchmark: OpenZeppelin's StandardMerkleTree against Guild's payout tree at 100,000 leaves (same
// values, roots and every proof compared), then Guild alone at 1,000,000; writes bench/results/merkle.json.
// Run with `npm run bench:merkle` (or `scripts/with-node24.sh node bench/merkle.ts`).
import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { StandardMerkleTree } from "@openzeppelin/merkle-tree";
import type { Address, Hex } from "viem";
import type { PayoutLeaf } from "../src/core/merkle/payoutTree.ts";
import { buildPayoutTree, PAYOUT_LEAF_ENCODING } from "../src/core/merkle/payoutTree.ts";

const SEED = 0x6d65726b; // "merk"
/** Other processes on the machine slow wall-clock timings; the 1-minute load average at start shows how busy it was. */
const loadAverageAtStart = Math.round((loadavg()[0] ?? 0) * 100) / 100;

/** Deterministic leaves: mulberry32 from SEED; addresses are random 20 bytes, amounts up to ~2^84 wei. */
function makeLeaves(count: number, seed: number): PayoutLeaf[] {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  const word = (): string => next().toString(16).padStart(8, "0");
  const leaves: PayoutLeaf[] = [];
  for (let i = 0; i < count; i++) {
    const account = `0x${word()}${word()}${word()}${word()}${word()}` as Address;
    const cumulativeAmount = (BigInt(next()) << 52n) | (BigInt(next()) << 20n) | BigInt(next() >>> 12);
    const cumulativeReputation = BigInt(next() % 1_000_000);
    leaves.push({ account, cumulativeAmount, cumulativeReputation });
  }
  return leaves;
}

const seconds = (from: number, to: number): number => Math.round(to - from) / 1000;
const log = (text: string) => process.stderr.write(`${text}\n`);

// Warm both libraries' code paths on a small tree so the timings below measure steady-state code.
{
  const warm = makeLeaves(2_000, SEED + 1);
  const oz = StandardMerkleTree.of(
    warm.map((l) => [l.account, l.cumulativeAmount, l.cumulativeReputation]),
    [...PAYOUT_LEAF_ENCODING],
  );
  for (let i = 0; i < warm.length; i++) oz.getProof(i);
  const guild = buildPayoutTree(warm);
  const proofs = guild.allProofs();
  for (let i = 0; i < warm.length; i++) proofs.hexAt(i);
  if (oz.root !== guild.root) throw new Error(`warm-up roots differ: ${oz.root} vs ${guild.root}`);
}

/** OpenZeppelin and Guild on the same 100,000 leaves; throws unless roots and every proof agree. */
function compareAt100k() {
  const leaves = makeLeaves(100_000, SEED);
  const values = leaves.map((l) => [l.account, l.cumulativeAmount, l.cumulativeReputation]);

  log("OpenZeppelin, 100,000 leaves…");
  const oz0 = performance.now();
  const ozTree = StandardMerkleTree.of(values, [...PAYOUT_LEAF_ENCODING]);
  const oz1 = performance.now();
  const ozProofs: Hex[][] = new Array(values.length);
  for (let i = 0; i < values.length; i++) ozProofs[i] = ozTree.getProof(i) as Hex[];
  const oz2 = performance.now();

  log("Guild, 100,000 leaves…");
  const g0 = performance.now();
  const guildTree = buildPayoutTree(leaves);
  const g1 = performance.now();
  const guildProofs = guildTree.allProofs();
  const g2 = performance.now();
  // The same proofs as hex strings, the form OpenZeppelin returns, from a fresh build.
  const h0 = performance.now();
  const hexProofs = buildPayoutTree(leaves).allProofs();
  const guildHex: Hex[][] = new Array(hexProofs.length);
  for (let i = 0; i < hexProofs.length; i++) guildHex[i] = hexProofs.hexAt(i);
  const h1 = performance.now();

  if (ozTree.root !== guildTree.root) throw new Error(`roots differ: ${ozTree.root} vs ${guildTree.root}`);
  if (Buffer.compare(guildProofs.hashes, hexProofs.hashes) !== 0) throw new Error("two builds differ");
  for (let i = 0; i < ozProofs.length; i++) {
    const a = ozProofs[i] as Hex[];
    const b = guildHex[i] as Hex[];
    if (a.length !== b.length || a.some((h, j) => h !== b[j])) throw new Error(`proof ${i} differs`);
  }
  return {
    ozBuild: seconds(oz0, oz1),
    ozProofs: seconds(oz1, oz2),
    ozTotal: seconds(oz0, oz2),
    guildBuild: seconds(g0, g1),
    guildProofs: seconds(g1, g2),
    guildTotal: seconds(g0, g2),
    guildHexTotal: seconds(h0, h1),
  };
}

/** Guild alone on 1,000,000 leaves: build, then every proof. */
function guildAt1m() {
  const leaves = makeLeaves(1_000_000, SEED + 2);
  log("Guild, 1,000,000 leaves…");
  const m0 = performance.now();
  const tree = buildPayoutTree(leaves);
  const m1 = performance.now();
  const proofs = tree.allProofs();
  const m2 = performance.now();
  if (proofs.length !== leaves.length) throw new Error("missing proofs at 1,000,000 leaves");
  return {
    build: seconds(m0, m1),
    proofs: seconds(m1, m2),
    total: seconds(m0, m2),
    proofBytes: proofs.hashes.length,
  };
}

const at100k = compareAt100k();
const at1m = guildAt1m();
const result = {
  ozBuildSeconds100k: at100k.ozBuild,
  ozProofsSeconds100k: at100k.ozProofs,
  ozBuildAndProofsSeconds100k: at100k.ozTotal,
  guildBuildSeconds100k: at100k.guildBuild,
  guildProofsSeconds100k: at100k.guildProofs,
  guildBuildAndProofsSeconds100k: at100k.guildTotal,
  guildBuildAndHexProofsSeconds100k: at100k.guildHexTotal,
  speedup100k: Math.round((at100k.ozTotal / at100k.guildTotal) * 10) / 10,
  speedupHex100k: Math.round((at100k.ozTotal / at100k.guildHexTotal) * 10) / 10,
  guildBuildSeconds1m: at1m.build,
  guildProofsSeconds1m: at1m.proofs,
  guildBuildAndProofsSeconds1m: at1m.total,
  proofBytes1m: at1m.proofBytes,
  peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  loadAverageAtStart,
  node: process.version,
  measuredAt: new Date().toISOString(),
};

console.log(`
                                 build s   proofs s    total s
OpenZeppelin, 100,000 leaves  ${fmt(result.ozBuildSeconds100k)} ${fmt(result.ozProofsSeconds100k)} ${fmt(result.ozBuildAndProofsSeconds100k)}
Guild,        100,000 leaves  ${fmt(result.guildBuildSeconds100k)} ${fmt(result.guildProofsSeconds100k)} ${fmt(result.guildBuildAndProofsSeconds100k)}   ${result.speedup100k}× faster
Guild, hex proofs,  100,000   ${" ".repeat(22)}${fmt(result.guildBuildAndHexProofsSeconds100k)}   ${result.speedupHex100k}× faster
Guild,      1,000,000 leaves  ${fmt(result.guildBuildSeconds1m)} ${fmt(result.guildProofsSeconds1m)} ${fmt(result.guildBuildAndProofsSeconds1m)}
roots and all 100,000 proofs identical; peak RSS ${result.peakRssMiB} MiB; load average at start ${loadAverageAtStart}; node ${result.node}
`);

function fmt(value: number): string {
  return value.toFixed(3).padStart(10);
}

const dir = join(import.meta.dirname, "results");
mkdirSync(dir, { recursive: true });
const file = join(dir, "merkle.json");
writeFileSync(`${file}.tmp`, `${JSON.stringify(result, null, 2)}\n`);
renameSync(`${file}.tmp`, file);
