// The guild's integration suite against a `hardhat node` child process over JSON-RPC on 127.0.0.1.
import { guildSuite } from "./guildSuite.ts";
import { jsonRpcTarget } from "./testing/chainTargets.ts";

guildSuite(jsonRpcTarget);
