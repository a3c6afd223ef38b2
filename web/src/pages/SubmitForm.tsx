// Submits a contribution: the connected wallet signs the EIP-712 Submission (it shows every field it
// signs) and the node stores it in the open epoch.
import type { FormEvent } from "react";
import { useState } from "react";
import type { ContributionKind } from "../../../src/core/contribution/contribution.ts";
import { CONTRIBUTION_KINDS } from "../../../src/core/contribution/contribution.ts";
import type {
  SignedSubmission,
  SubmissionFields,
} from "../../../src/core/contribution/submissionTypedData.ts";
import { submissionTypedData } from "../../../src/core/contribution/submissionTypedData.ts";
import type { SubmittedContribution } from "../../../src/node/api/apiTypes.ts";
import { ApiRequestFailed, apiPost } from "../api/fetchApi.ts";
import { useGuild } from "../api/GuildContext.tsx";
import { Link } from "../router/Link.tsx";
import { randomNonce } from "../wallet/randomNonce.ts";
import { describeChainError } from "../wallet/sendContractCall.ts";
import { useWallet } from "../wallet/WalletContext.tsx";

/** How long a signed submission stays valid: one hour of chain time. */
const DEADLINE_SECONDS = 3_600;

/** `name=value` lines into metrics; a bad line is named. */
function parseMetrics(text: string): Record<string, number> {
  const metrics: Record<string, number> = {};
  for (const line of text.split("\n").map((l) => l.trim())) {
    if (line === "") continue;
    const match = /^([^=\s]+)\s*=\s*(-?\d+)$/.exec(line);
    if (match === null) throw new Error(`a metric is name=whole number, got "${line}"`);
    metrics[match[1] as string] = Number(match[2]);
  }
  return metrics;
}

export function SubmitForm({ onSubmitted }: { onSubmitted: () => void }) {
  const { data: guild } = useGuild();
  const { wallet } = useWallet();
  const [status, setStatus] = useState<
    | { kind: "idle" }
    | { kind: "busy" }
    | { kind: "done"; result: SubmittedContribution }
    | { kind: "failed"; message: string }
  >({ kind: "idle" });
  const epoch = guild?.currentEpoch;
  const open = epoch?.state === "open";

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (guild === undefined || wallet === null || epoch === null || epoch === undefined) return;
    const form = new FormData(event.currentTarget);
    setStatus({ kind: "busy" });
    try {
      const fields: SubmissionFields = {
        epochId: epoch.id,
        kind: String(form.get("kind")) as ContributionKind,
        title: String(form.get("title") ?? ""),
        description: String(form.get("description") ?? ""),
        links: String(form.get("links") ?? "")
          .split("\n")
          .map((l) => l.trim())
          .filter((l) => l !== ""),
        metrics: parseMetrics(String(form.get("metrics") ?? "")),
        nonce: randomNonce(),
        deadline: guild.chainTime + DEADLINE_SECONDS,
      };
      const domain = { chainId: guild.chainId, verifyingContract: guild.contracts.token };
      const typedData = submissionTypedData(wallet.address, fields, domain);
      const signature = await wallet.walletClient.signTypedData({
        ...typedData,
        account: wallet.walletClient.account,
      });
      const signed: SignedSubmission = {
        contributor: wallet.address,
        epochId: fields.epochId,
        kind: fields.kind,
        title: fields.title,
        description: fields.description,
        links: [...fields.links],
        metrics: { ...fields.metrics },
        nonce: fields.nonce.toString(),
        deadline: fields.deadline,
        signature,
      };
      const result = await apiPost<SubmittedContribution>("/v1/contributions", signed);
      setStatus({ kind: "done", result });
      onSubmitted();
    } catch (error) {
      const message =
        error instanceof ApiRequestFailed ? `${error.message} (${error.code})` : describeChainError(error);
      setStatus({ kind: "failed", message });
    }
  };

  return (
    <section className="card" aria-labelledby="submit-heading">
      <h2 id="submit-heading">Submit a contribution</h2>
      {!open && <p>No epoch is open for contributions right now.</p>}
      {open && wallet === null && <p>Connect a wallet to sign your contribution.</p>}
      <form onSubmit={submit} className="stacked" aria-label="Submit a contribution">
        <fieldset disabled={!open || wallet === null || status.kind === "busy"}>
          <label>
            Kind
            <select name="kind" defaultValue="code">
              {CONTRIBUTION_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label>
            Title
            <input name="title" required maxLength={200} />
          </label>
          <label>
            Description
            <textarea name="description" rows={4} maxLength={20_000} />
          </label>
          <label>
            Links, one per line
            <textarea name="links" rows={2} placeholder="https://…" />
          </label>
          <label>
            Metrics, one name=value per line
            <textarea name="metrics" rows={2} placeholder="linesAdded=120" />
          </label>
          <small className="muted">
            Your numbers are shown with the work as your claims; the built-in evaluator counts only what an
            importer measured (git history, a grant round's data).
          </small>
          <button type="submit">Sign and submit{open ? ` to epoch #${epoch.id}` : ""}</button>
        </fieldset>
      </form>
      {status.kind === "busy" && <p className="muted">Waiting for the signature…</p>}
      {status.kind === "done" && (
        <p role="status" className="ok">
          Submitted to epoch #{status.result.epochId}:{" "}
          <Link to={`/contributions/${status.result.id}`}>{status.result.id.slice(0, 10)}…</Link>
        </p>
      )}
      {status.kind === "failed" && (
        <p role="alert" className="error">
          Not submitted: {status.message}
        </p>
      )}
    </section>
  );
}
