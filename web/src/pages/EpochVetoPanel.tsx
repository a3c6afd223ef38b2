// Vetoing a proposed epoch inside its challenge window: by the guardian directly, or by anyone with
// enough reputation as a governance proposal (the timelock may veto too).
import { useState } from "react";
import { encodeFunctionData } from "viem";
import { GuildGovernor, GuildToken } from "../../../src/chain/contracts.generated.ts";
import type { EpochView, Page } from "../../../src/node/api/apiTypes.ts";
import { useGuild } from "../api/GuildContext.tsx";
import { useApi } from "../api/useApi.ts";
import { ApiState } from "../components/ApiState.tsx";
import { describeChainError, sendContractCall } from "../wallet/sendContractCall.ts";
import { useWallet } from "../wallet/WalletContext.tsx";

export function EpochVetoPanel({ onProposed }: { onProposed: () => void }) {
  const { data: guild } = useGuild();
  const { wallet } = useWallet();
  const epochs = useApi<Page<EpochView>>("/v1/epochs?limit=10");
  const [status, setStatus] = useState<
    { kind: "idle" | "busy" } | { kind: "done" | "failed"; message: string }
  >({
    kind: "idle",
  });
  const proposed = epochs.data?.items.filter((e) => e.state === "proposed") ?? [];
  const isGuardian =
    wallet !== null &&
    guild !== undefined &&
    wallet.address.toLowerCase() === guild.parameters.guardian.toLowerCase();

  const run = async (what: string, send: () => Promise<unknown>) => {
    setStatus({ kind: "busy" });
    try {
      await send();
      setStatus({ kind: "done", message: `${what}: confirmed` });
      onProposed();
      epochs.reload();
    } catch (error) {
      setStatus({ kind: "failed", message: `${what} failed: ${describeChainError(error)}` });
    }
  };
  const proposeVeto = (id: number) =>
    wallet !== null &&
    guild !== undefined &&
    run(`Proposal to veto epoch ${id}`, () =>
      sendContractCall(wallet, {
        address: guild.contracts.governor,
        abi: GuildGovernor.abi,
        functionName: "propose",
        args: [
          [guild.contracts.token],
          [0n],
          [encodeFunctionData({ abi: GuildToken.abi, functionName: "veto", args: [BigInt(id)] })],
          `Veto epoch ${id}`,
        ],
      }),
    );
  const vetoNow = (id: number) =>
    wallet !== null &&
    guild !== undefined &&
    run(`Veto of epoch ${id}`, () =>
      sendContractCall(wallet, {
        address: guild.contracts.token,
        abi: GuildToken.abi,
        functionName: "veto",
        args: [BigInt(id)],
      }),
    );

  return (
    <section className="card" aria-labelledby="veto-heading">
      <h2 id="veto-heading">Veto an epoch</h2>
      <ApiState what="epochs" loading={epochs.loading && epochs.data === undefined} error={epochs.error} />
      {epochs.data !== undefined && proposed.length === 0 && (
        <p>No epoch is in its challenge window: only a proposed epoch can be vetoed.</p>
      )}
      {proposed.map((e) => (
        <p key={e.id}>
          Epoch #{e.id} is proposed.{" "}
          <button
            type="button"
            disabled={wallet === null || status.kind === "busy"}
            onClick={() => proposeVeto(e.id)}
          >
            Propose a veto of epoch {e.id}
          </button>{" "}
          {isGuardian && (
            <button type="button" disabled={status.kind === "busy"} onClick={() => vetoNow(e.id)}>
              Veto epoch {e.id} now (guardian)
            </button>
          )}
        </p>
      ))}
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
