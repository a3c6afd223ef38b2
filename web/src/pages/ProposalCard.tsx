// One proposal: what it does in words, its tallies and state, and the step it is ready for (vote while
// active, queue once it succeeded, execute once the timelock's delay has passed).
import { useState } from "react";
import type { Hex } from "viem";
import { keccak256, stringToBytes } from "viem";
import { GuildGovernor } from "../../../src/chain/contracts.generated.ts";
import type { ProposalView } from "../../../src/node/api/apiTypes.ts";
import { useGuild } from "../api/GuildContext.tsx";
import { formatAmount, formatTime, shortAddress } from "../format.ts";
import { describeChainError, sendContractCall } from "../wallet/sendContractCall.ts";
import { useWallet } from "../wallet/WalletContext.tsx";

/** GovernorCountingSimple's vote types. */
const SUPPORT = { against: 0, for: 1, abstain: 2 } as const;

export function ProposalCard({ proposal: p, onChanged }: { proposal: ProposalView; onChanged: () => void }) {
  const { data: guild } = useGuild();
  const { wallet } = useWallet();
  const [status, setStatus] = useState<
    { kind: "idle" | "busy" } | { kind: "done" | "failed"; message: string }
  >({
    kind: "idle",
  });
  const governor = guild?.contracts.governor;
  const operation = [
    p.calls.map((c) => c.target),
    p.calls.map((c) => BigInt(c.value)),
    p.calls.map((c) => c.data as Hex),
    keccak256(stringToBytes(p.description)),
  ] as const;

  const run = async (what: string, send: () => Promise<unknown>) => {
    setStatus({ kind: "busy" });
    try {
      await send();
      setStatus({ kind: "done", message: `${what}: confirmed` });
      onChanged();
    } catch (error) {
      setStatus({ kind: "failed", message: `${what} failed: ${describeChainError(error)}` });
    }
  };
  const vote = (support: keyof typeof SUPPORT) =>
    wallet !== null &&
    governor !== undefined &&
    run(`Vote ${support}`, () =>
      sendContractCall(wallet, {
        address: governor,
        abi: GuildGovernor.abi,
        functionName: "castVote",
        args: [BigInt(p.id), SUPPORT[support]],
      }),
    );
  const step = (functionName: "queue" | "execute") =>
    wallet !== null &&
    governor !== undefined &&
    run(functionName === "queue" ? "Queue" : "Execute", () =>
      sendContractCall(wallet, { address: governor, abi: GuildGovernor.abi, functionName, args: operation }),
    );

  const title = p.description.split("\n")[0] ?? "";
  const canAct = wallet !== null && status.kind !== "busy";
  const executable =
    p.state === "Queued" && p.eta !== null && guild !== undefined && guild.chainTime >= p.eta;
  return (
    <article className="card proposal" aria-label={`Proposal: ${title}`}>
      <h3>
        {title} <span className={`state state-${p.state.toLowerCase()}`}>{p.state}</span>
      </h3>
      <p className="muted">
        by <code title={p.proposer}>{shortAddress(p.proposer)}</code> · voting {formatTime(p.voteStart)} to{" "}
        {formatTime(p.voteEnd)}
        {p.eta !== null && ` · executable from ${formatTime(p.eta)}`}
      </p>
      <ul aria-label="What it does">
        {p.calls.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: calls are positional and never reordered
          <li key={i}>{c.description}</li>
        ))}
      </ul>
      <p>
        For {formatAmount(p.votes.for)} · against {formatAmount(p.votes.against)} · abstain{" "}
        {formatAmount(p.votes.abstain)} gREP
        {p.quorum !== null && ` · quorum ${formatAmount(p.quorum)}`}
      </p>
      {p.state === "Active" && (
        <fieldset className="actions">
          <legend className="visually-hidden">Vote</legend>
          <button type="button" disabled={!canAct} onClick={() => vote("for")}>
            Vote for
          </button>
          <button type="button" disabled={!canAct} onClick={() => vote("against")}>
            Vote against
          </button>
          <button type="button" disabled={!canAct} onClick={() => vote("abstain")}>
            Abstain
          </button>
        </fieldset>
      )}
      {p.state === "Succeeded" && (
        <button type="button" disabled={!canAct} onClick={() => step("queue")}>
          Queue on the timelock
        </button>
      )}
      {p.state === "Queued" && (
        <button type="button" disabled={!canAct || !executable} onClick={() => step("execute")}>
          Execute
        </button>
      )}
      {wallet === null && ["Active", "Succeeded", "Queued"].includes(p.state) && (
        <p className="muted">Connect a wallet to take part.</p>
      )}
      {status.kind === "busy" && <p className="muted">Waiting for the wallet and the chain…</p>}
      {(status.kind === "done" || status.kind === "failed") && (
        <p
          role={status.kind === "failed" ? "alert" : "status"}
          className={status.kind === "failed" ? "error" : "ok"}
        >
          {status.message}
        </p>
      )}
    </article>
  );
}
