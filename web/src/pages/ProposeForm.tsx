// Proposes a change of one governed parameter: the governor records it, and after the vote and the
// timelock's delay the timelock calls GuildConfig's setter.
import type { FormEvent } from "react";
import { useState } from "react";
import type { Abi } from "viem";
import { encodeFunctionData } from "viem";
import { GuildConfig, GuildGovernor } from "../../../src/chain/contracts.generated.ts";
import { useGuild } from "../api/GuildContext.tsx";
import { describeChainError, sendContractCall } from "../wallet/sendContractCall.ts";
import { useWallet } from "../wallet/WalletContext.tsx";
import { GOVERNED_SETTERS } from "./governedSetters.ts";

export function ProposeForm({ onProposed }: { onProposed: () => void }) {
  const { data: guild } = useGuild();
  const { wallet } = useWallet();
  const [setterName, setSetterName] = useState<string>(GOVERNED_SETTERS[0]?.functionName ?? "");
  const [status, setStatus] = useState<
    { kind: "idle" | "busy" } | { kind: "done" | "failed"; message: string }
  >({
    kind: "idle",
  });
  const setter = GOVERNED_SETTERS.find((s) => s.functionName === setterName);

  const propose = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (wallet === null || guild === undefined || setter === undefined) return;
    const form = new FormData(event.currentTarget);
    setStatus({ kind: "busy" });
    try {
      const argument = setter.toArgument(String(form.get("value") ?? ""));
      const data = encodeFunctionData({
        // The setter is chosen at run time; its argument's type was checked by toArgument.
        abi: GuildConfig.abi as Abi,
        functionName: setter.functionName,
        args: [argument],
      });
      const description = String(form.get("description") ?? "").trim();
      if (description === "") throw new Error("a proposal needs a description: say why");
      await sendContractCall(wallet, {
        address: guild.contracts.governor,
        abi: GuildGovernor.abi,
        functionName: "propose",
        args: [[guild.contracts.config], [0n], [data], description],
      });
      setStatus({ kind: "done", message: "Proposed: voting opens after the voting delay." });
      onProposed();
    } catch (error) {
      setStatus({ kind: "failed", message: describeChainError(error) });
    }
  };

  return (
    <section className="card" aria-labelledby="propose-heading">
      <h2 id="propose-heading">Propose a change</h2>
      {wallet === null && <p>Connect a wallet holding reputation to propose.</p>}
      <form onSubmit={propose} className="stacked" aria-label="Propose a change">
        <fieldset disabled={wallet === null || status.kind === "busy"}>
          <label>
            Parameter
            <select value={setterName} onChange={(e) => setSetterName(e.target.value)}>
              {GOVERNED_SETTERS.map((s) => (
                <option key={s.functionName} value={s.functionName}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            New value ({setter?.unit})
            <input name="value" required inputMode="decimal" />
          </label>
          <label>
            Description
            <textarea name="description" rows={2} required />
          </label>
          <button type="submit">Propose</button>
        </fieldset>
      </form>
      {status.kind === "busy" && <p className="muted">Waiting for the wallet and the chain…</p>}
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
