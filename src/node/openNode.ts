// The node's context: the store, the chain and the guild's deployment, opened together and closed together.

import type { AssessmentConfig, EvaluatorEnvironment } from "../assess/assessmentConfig.ts";
import {
  assessmentConfigHash,
  DEFAULT_ASSESSMENT_CONFIG,
  DEFAULT_ASSESSMENT_URI,
} from "../assess/assessmentConfig.ts";
import type { ChainClients, ChainTarget } from "../chain/connectChain.ts";
import { connectChain } from "../chain/connectChain.ts";
import type { Manifest } from "../chain/manifest.ts";
import { readManifest } from "../chain/manifest.ts";
import { readGovernedConfig } from "../chain/readGovernedConfig.ts";
import { openStore } from "../store/openStore.ts";
import type { Store } from "../store/store.ts";
import { publishedAssessment } from "./publishedAssessments.ts";

export interface NodeContext {
  dataDir: string;
  store: Store;
  chain: ChainClients;
  manifest: Manifest;
  /** The assessment configuration this node runs; its hash must be the one governance approved. */
  assessment: AssessmentConfig;
  /** What the evaluators need from this node: the LLM judge's model server, when it has one. */
  evaluatorEnvironment: EvaluatorEnvironment;
  /** Called at named points inside each step; tests use it to kill the process there. */
  crashpoint: (name: string) => void;
  close(): Promise<void>;
}

export interface OpenNodeOptions {
  chain: ChainTarget;
  /** A PostgreSQL server; the embedded database in the data directory when absent or empty. */
  databaseUrl?: string | undefined;
  assessment?: AssessmentConfig;
  /** The LLM judge's model server; $GUILD_LLM_URL (and $GUILD_LLM_KEY) when absent. */
  llm?: { baseUrl: string; apiKey?: string };
}

/** The assessment configuration a new guild starts with, by hash and URI, for `guild init`. */
export const DEFAULT_ASSESSMENT = {
  hash: assessmentConfigHash(DEFAULT_ASSESSMENT_CONFIG),
  uri: DEFAULT_ASSESSMENT_URI,
} as const;

/**
 * Opens the guild in `options.chain.dataDir`: its manifest, its store and its chain.
 * When the environment variable GUILD_CRASHPOINT names a crashpoint, the process kills itself with
 * SIGKILL on reaching it (for the tests that prove every step resumes).
 * @throws GuildNotInitialized when the data directory has no guild
 */
export async function openNode(options: OpenNodeOptions): Promise<NodeContext> {
  const dataDir = options.chain.dataDir;
  const manifest = readManifest(dataDir);
  // The chain first: the embedded chain's engine, started after PGlite, briefly takes hundreds of MiB
  // more resident memory than started before it (measured with bench/epoch.ts's peak RSS).
  const chain = await connectChain(options.chain);
  let store: Store;
  try {
    store = await openStore({ dataDir, databaseUrl: options.databaseUrl });
  } catch (error) {
    await chain.close();
    throw error;
  }
  const crashAt = process.env.GUILD_CRASHPOINT;
  return {
    dataDir,
    store,
    chain,
    manifest,
    assessment: options.assessment ?? (await governedAssessment(dataDir, chain, manifest)),
    evaluatorEnvironment: evaluatorEnvironment(options),
    crashpoint: (name) => {
      if (crashAt !== undefined && crashAt === name) process.kill(process.pid, "SIGKILL");
    },
    close: async () => {
      await chain.close();
      await store.close();
    },
  };
}

/**
 * The assessment configuration governance approved (GuildConfig.assessmentConfigHash), when this node
 * has it (built in, or published by guild calibrate); the built-in default otherwise, and closing an
 * epoch then refuses to run under a configuration governance did not approve.
 */
async function governedAssessment(
  dataDir: string,
  chain: ChainClients,
  manifest: Manifest,
): Promise<AssessmentConfig> {
  const governed = await readGovernedConfig(chain.publicClient, manifest.contracts).catch(() => undefined);
  if (governed === undefined) return DEFAULT_ASSESSMENT_CONFIG;
  return publishedAssessment(dataDir, governed.assessmentConfigHash) ?? DEFAULT_ASSESSMENT_CONFIG;
}

/** The model server from the options, or from $GUILD_LLM_URL and $GUILD_LLM_KEY. */
function evaluatorEnvironment(options: OpenNodeOptions): EvaluatorEnvironment {
  if (options.llm !== undefined) return { llm: options.llm };
  const baseUrl = process.env.GUILD_LLM_URL;
  if (baseUrl === undefined || baseUrl === "") return {};
  const apiKey = process.env.GUILD_LLM_KEY;
  return { llm: apiKey === undefined || apiKey === "" ? { baseUrl } : { baseUrl, apiKey } };
}
