// Sends one contract call from the connected wallet: simulated first, so a refusal is named before any
// gas is spent, then sent and waited for until mined.
import type { Abi, Address, ContractFunctionArgs, ContractFunctionName, Hex } from "viem";
import { BaseError, ContractFunctionRevertedError } from "viem";
import type { ConnectedWallet } from "./wallet.ts";
import { WalletProblem } from "./wallet.ts";

export interface SentCall {
  hash: Hex;
  blockNumber: bigint;
}

/**
 * Simulates, sends and waits for `call` from `wallet`.
 * @throws WalletProblem naming the contract's custom error when it would revert, when the wallet or the
 *   chain refuses, or when the mined transaction failed
 */
export async function sendContractCall<
  const abi extends Abi,
  functionName extends ContractFunctionName<abi, "nonpayable" | "payable">,
  const args extends ContractFunctionArgs<abi, "nonpayable" | "payable", functionName>,
>(
  wallet: ConnectedWallet,
  call: { address: Address; abi: abi; functionName: functionName; args: args },
): Promise<SentCall> {
  const { publicClient, walletClient } = wallet;
  try {
    // viem's generics cannot follow `call` through a spread; the signature above checks it at the call site.
    const { request } = await publicClient.simulateContract({
      ...call,
      account: walletClient.account,
    } as never);
    const hash = await walletClient.writeContract(request as never);
    const receipt = await publicClient.waitForTransactionReceipt({ hash });
    if (receipt.status !== "success") throw new WalletProblem(`the transaction ${hash} reverted`);
    return { hash, blockNumber: receipt.blockNumber };
  } catch (error) {
    throw new WalletProblem(describeChainError(error));
  }
}

/** A contract revert by its custom error's name and arguments; other errors by viem's short message. */
export function describeChainError(error: unknown): string {
  if (error instanceof WalletProblem) return error.message;
  if (error instanceof BaseError) {
    const revert = error.walk((e) => e instanceof ContractFunctionRevertedError);
    if (revert instanceof ContractFunctionRevertedError && revert.data?.errorName !== undefined) {
      const args = (revert.data.args ?? []).map(String).join(", ");
      return `the contract refused: ${revert.data.errorName}(${args})`;
    }
    return error.shortMessage;
  }
  return error instanceof Error ? error.message : String(error);
}
