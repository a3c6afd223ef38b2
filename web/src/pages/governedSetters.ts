// The governed parameters a proposal can change from the dashboard: GuildConfig's setters, each with the
// unit a person types the new value in and how that becomes the contract's argument.
import { parseUnits } from "viem";

export interface GovernedSetter {
  functionName:
    | "setBudgetPerEpoch"
    | "setCapBps"
    | "setFloorAmount"
    | "setEpochLength"
    | "setChallengeWindow"
    | "setClaimExpiry"
    | "setReplicationFactor";
  label: string;
  /** The unit the form asks for. */
  unit: string;
  /** The contract's argument from the typed text. @throws Error naming the expected form */
  toArgument(text: string): bigint | number;
}

const whole = (text: string, max: number): number => {
  if (!/^\d+$/.test(text.trim()) || Number(text) > max)
    throw new Error(`a whole number up to ${max}, got "${text}"`);
  return Number(text);
};

export const GOVERNED_SETTERS: readonly GovernedSetter[] = [
  {
    functionName: "setCapBps",
    label: "cap per recipient",
    unit: "% of the budget",
    toArgument: (t) => {
      const percent = Number(t);
      if (!Number.isFinite(percent) || percent <= 0 || percent > 100)
        throw new Error(`a percentage from 0 to 100, got "${t}"`);
      return Math.round(percent * 100);
    },
  },
  {
    functionName: "setBudgetPerEpoch",
    label: "budget per epoch",
    unit: "GUILD",
    toArgument: (t) => parseUnits(t.trim(), 18),
  },
  {
    functionName: "setFloorAmount",
    label: "floor",
    unit: "GUILD",
    toArgument: (t) => parseUnits(t.trim(), 18),
  },
  {
    functionName: "setEpochLength",
    label: "epoch length",
    unit: "seconds",
    toArgument: (t) => whole(t, 2 ** 48 - 1),
  },
  {
    functionName: "setChallengeWindow",
    label: "challenge window",
    unit: "seconds",
    toArgument: (t) => whole(t, 2 ** 48 - 1),
  },
  {
    functionName: "setClaimExpiry",
    label: "claim expiry",
    unit: "seconds",
    toArgument: (t) => whole(t, 2 ** 48 - 1),
  },
  {
    functionName: "setReplicationFactor",
    label: "replication factor",
    unit: "replicas",
    toArgument: (t) => whole(t, 255),
  },
];
