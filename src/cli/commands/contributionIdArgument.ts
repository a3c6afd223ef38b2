// The one contribution id a command takes as its argument (guild dispute, guild endorse), checked by name.
import type { Hex } from "viem";
import { InvalidArgument } from "./init.ts";

/**
 * The contribution id `positionals` must hold, alone, lowercase.
 * @param command the command's name, for the messages (`guild dispute`)
 * @param hint what to say of a second argument
 * @throws InvalidArgument for a missing or malformed id, or an argument after it
 */
export function contributionIdArgument(command: string, positionals: readonly string[], hint: string): Hex {
  const [id, ...rest] = positionals;
  if (id === undefined || !/^0x[0-9a-fA-F]{64}$/.test(id)) {
    throw new InvalidArgument(
      `${command} takes a contribution id (0x and 64 hex digits), got "${id ?? ""}"`,
      {
        contributionId: id ?? "",
        hint: `${command} --help`,
      },
    );
  }
  if (rest.length > 0)
    throw new InvalidArgument(`unexpected argument "${rest[0]}"`, { argument: rest[0], hint });
  return id.toLowerCase() as Hex;
}
