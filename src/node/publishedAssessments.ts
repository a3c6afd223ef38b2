// Assessment configurations published by this node (guild calibrate writes them): files named by their
// hash, so the node can run whichever one governance approved.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Hex } from "viem";
import type { AssessmentConfig } from "../assess/assessmentConfig.ts";
import { assessmentConfigHash, DEFAULT_ASSESSMENT_CONFIG } from "../assess/assessmentConfig.ts";
import { deepFreeze } from "../core/deepFreeze.ts";
import { GuildError } from "../core/errors.ts";
import { canonicalJson } from "../core/report/canonicalJson.ts";

/** A published configuration's file does not hash to its name. */
export class PublishedAssessmentCorrupt extends GuildError {}

const dirOf = (dataDir: string) => join(dataDir, "assessment-configs");

/** The URI a published configuration is proposed under (GuildConfig.assessmentConfigUri). */
export const publishedAssessmentUri = (hash: Hex) => `guild:assessment-configs/${hash}.json`;

/** Writes `config` as `<dataDir>/assessment-configs/<hash>.json` (canonical JSON); returns its hash. */
export function publishAssessment(dataDir: string, config: AssessmentConfig): Hex {
  const hash = assessmentConfigHash(config);
  mkdirSync(dirOf(dataDir), { recursive: true });
  const path = join(dirOf(dataDir), `${hash}.json`);
  writeFileSync(`${path}.tmp`, `${canonicalJson(config)}\n`);
  renameSync(`${path}.tmp`, path);
  return hash;
}

/**
 * The configuration with hash `hash`: the built-in default, or one published in the data directory;
 * undefined when this node has neither.
 * @throws PublishedAssessmentCorrupt when the published file does not hash to `hash`
 */
export function publishedAssessment(dataDir: string, hash: Hex): AssessmentConfig | undefined {
  if (hash.toLowerCase() === assessmentConfigHash(DEFAULT_ASSESSMENT_CONFIG))
    return DEFAULT_ASSESSMENT_CONFIG;
  const path = join(dirOf(dataDir), `${hash.toLowerCase()}.json`);
  if (!existsSync(path)) return undefined;
  const config = deepFreeze(JSON.parse(readFileSync(path, "utf8")) as AssessmentConfig);
  const actual = assessmentConfigHash(config);
  if (actual !== hash.toLowerCase()) {
    throw new PublishedAssessmentCorrupt(`${path} hashes to ${actual}`, { path, expected: hash, actual });
  }
  return config;
}
