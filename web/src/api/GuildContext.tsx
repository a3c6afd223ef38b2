// The guild at a glance (GET /v1/guild), loaded once for every page: its chain, contracts and current
// epoch name what the pages sign and read.
import type { ReactNode } from "react";
import { createContext, useContext } from "react";
import type { GuildOverview } from "../../../src/node/api/apiTypes.ts";
import type { Loaded } from "./useApi.ts";
import { useApi } from "./useApi.ts";

const GuildContext = createContext<Loaded<GuildOverview> | undefined>(undefined);

/** How often the overview is read again: the countdown and the epoch's state stay current. */
const REFRESH_MS = 15_000;

export function GuildProvider({ children }: { children: ReactNode }) {
  const guild = useApi<GuildOverview>("/v1/guild", REFRESH_MS);
  return <GuildContext.Provider value={guild}>{children}</GuildContext.Provider>;
}

/** The guild overview as last loaded. */
export function useGuild(): Loaded<GuildOverview> {
  const guild = useContext(GuildContext);
  if (guild === undefined) throw new Error("useGuild is used outside GuildProvider");
  return guild;
}
