// Delegates the connected account's reputation (its votes) to another address, or back to itself.
import type { FormEvent } from "react";
import { useState } from "react";
import type { Address } from "viem";
import { isAddress } from "viem";
import { Reputation } from "../../../src/chain/contracts.generated.ts";
import { useGuild } from "../api/GuildContext.tsx";
import { describeChainError, sendContractCall } from "../wallet/sendContractCall.ts";
import { useWallet } from "../wallet/WalletContext.tsx";

export function DelegateForm() {
  const { data: guild } = useGuild();
  const { wallet } = useWallet();
  const [status, setStatus] = useState<
    { kind: "idle" | "busy" } | { kind: "done" | "failed"; message: string }
  >({
    kind: "idle",
  });

  const delegate = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (wallet === null || guild === undefined) return;
    const to = String(new FormData(event.currentTarget).get("delegatee") ?? "").trim() || wallet.address;
    if (!isAddress(to)) {
      setStatus({ kind: "failed", message: `"${to}" is not an address` });
      return;
    }
    setStatus({ kind: "busy" });
    try {
      await sendContractCall(wallet, {
        address: guild.contracts.reputation,
        abi: Reputation.abi,
        functionName: "delegate",
        args: [to as Address],
      });
      setStatus({ kind: "done", message: `Votes delegated to ${to}.` });
    } catch (error) {
      setStatus({ kind: "failed", message: describeChainError(error) });
    }
  };

  return (
    <section className="card" aria-labelledby="delegate-heading">
      <h2 id="delegate-heading">Delegate your votes</h2>
      <form onSubmit={delegate} className="inline-form" aria-label="Delegate your votes">
        <fieldset disabled={wallet === null || status.kind === "busy"}>
          <label>
            Delegate to (empty: yourself)
            <input name="delegatee" placeholder="0x…" spellCheck={false} />
          </label>
          <button type="submit">Delegate</button>
        </fieldset>
      </form>
      {(status.kind === "done" || status.kind === "failed") && (
        <p
          role={status.kind === "failed" ? "alert" : "status"}
          className={status.kind === "failed" ? "error" : "ok"}
        >
          {status.message}
        </p>
      )}
    </section>
  );
}
