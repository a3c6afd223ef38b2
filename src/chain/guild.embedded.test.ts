// The guild's integration suite against the embedded chain (EDR in this process).
import { guildSuite } from "./guildSuite.ts";
import { embeddedTarget } from "./testing/chainTargets.ts";

guildSuite(embeddedTarget);
