// Builds a round mapping from command-line flags, for rounds without a mapping file.

import { InvalidRoundMapping } from "./roundErrors.ts";
import type { RoundMapping } from "./roundMapping.ts";
import { parseRoundMapping } from "./roundMapping.ts";

/** The flags as a CLI parses them; repeated flags are arrays. */
export interface RoundMappingFlags {
  id: string;
  title: string;
  text?: readonly string[];
  /** `name=field` for an integer field, `name=field:decimals` for a decimal one (`devsTenths=avg_devs:1`). */
  metric?: readonly string[];
  link?: readonly string[];
  createdAt?: string;
  contributor?: string;
  kind?: string;
}

/**
 * The mapping the flags describe, checked as a mapping file would be.
 * @throws InvalidRoundMapping (origin "flags") for a malformed `--metric` or any invalid entry
 */
export function roundMappingFromFlags(flags: RoundMappingFlags): RoundMapping {
  const metrics: Record<string, unknown> = {};
  for (const flag of flags.metric ?? []) {
    const match = /^([^=]+)=([^:]+)(?::(\d+))?$/.exec(flag);
    if (match === null)
      throw new InvalidRoundMapping("flags", `--metric ${flag}`, "must be name=field or name=field:decimals");
    const [, name = "", field = "", decimals] = match;
    if (name in metrics)
      throw new InvalidRoundMapping("flags", `--metric ${flag}`, `repeats the metric ${name}`);
    metrics[name] = decimals === undefined ? field : { field, decimals: Number(decimals) };
  }
  return parseRoundMapping(
    {
      id: flags.id,
      title: flags.title,
      text: flags.text ?? [],
      metrics,
      ...(flags.link === undefined ? {} : { links: flags.link }),
      ...(flags.createdAt === undefined ? {} : { createdAt: flags.createdAt }),
      ...(flags.contributor === undefined ? {} : { contributor: flags.contributor }),
      ...(flags.kind === undefined ? {} : { kind: flags.kind }),
    },
    "flags",
  );
}
