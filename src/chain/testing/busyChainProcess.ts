// Test support, run as a child process: opens the embedded chain in argv[2] and sends token transfers
// from the treasury-less dev account 1 forever, printing each confirmed block number, until killed.
import { parseEther } from "viem";
import { embeddedTarget } from "./chainTargets.ts";

const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error("usage: busyChainProcess.ts <dataDir>");
const target = await embeddedTarget(dataDir);
const wallet = target.wallet(1);
for (;;) {
  const hash = await wallet.sendTransaction({
    to: target.wallet(2).account.address,
    value: parseEther("0.001"),
  });
  const receipt = await target.publicClient.waitForTransactionReceipt({ hash });
  process.stdout.write(`${receipt.blockNumber}\n`);
}
