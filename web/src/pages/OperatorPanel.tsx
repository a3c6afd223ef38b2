// The operator's controls on the epochs page, shown only to the guild's operator (or the node's account)
// once signed in with Ethereum: run the epoch in progress up to proposed, then finalize it, on the node
// itself while it serves (POST /v1/epochs/{id}/run and /finalize), with the run's progress as it goes.
import { useEffect, useRef, useState } from "react";
import type { EpochState, EpochView, OperatorView, SessionView } from "../../../src/node/api/apiTypes.ts";
import { apiPost } from "../api/fetchApi.ts";
import { useGuild } from "../api/GuildContext.tsx";
import { useApi } from "../api/useApi.ts";
import { shortAddress } from "../format.ts";
import { describeChainError } from "../wallet/sendContractCall.ts";
import { signInWithEthereum, signOut } from "../wallet/signIn.ts";
import { useWallet } from "../wallet/WalletContext.tsx";

/** How often a run under way is read again. */
const RUN_REFRESH_MS = 500;

const STEP_WORDS = {
  close: "closing",
  assess: "assessing",
  allocate: "allocating",
  propose: "proposing on chain",
  finalize: "finalizing on chain",
} as const;

/**
 * The epoch the operator acts on, as `guild epoch run` picks it: the oldest in progress (past open, not
 * finalized), else the open one. `epochs` is newest first.
 */
export function epochToRun(epochs: readonly EpochView[]): EpochView | undefined {
  let found: EpochView | undefined;
  for (const epoch of epochs) {
    if (epoch.state === "finalized") break;
    if (epoch.state !== "open") found = epoch;
  }
  return found ?? (epochs[0]?.state === "open" ? epochs[0] : undefined);
}

const RUNNABLE: readonly EpochState[] = ["open", "closed", "assessed", "allocated", "vetoed"];

export function OperatorPanel({
  epochs,
  onChanged,
}: {
  epochs: readonly EpochView[] | undefined;
  onChanged: () => void;
}) {
  const { data: guild } = useGuild();
  const { wallet } = useWallet();
  const [polling, setPolling] = useState(false);
  const operator = useApi<OperatorView>("/v1/operator", polling ? RUN_REFRESH_MS : undefined);
  const me = useApi<SessionView>(wallet === null ? null : "/v1/auth/me");
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const run = operator.data?.run ?? null;
  const running = run?.status === "running";
  // Poll while a run goes on; when one ends, the epochs list is read again.
  const runKey = run === null ? "" : `${run.epochId}:${run.action}:${run.startedAt}:${run.status}`;
  const seen = useRef<string | null>(null);
  useEffect(() => {
    setPolling(running);
    if (seen.current !== null && seen.current !== runKey && !running) onChanged();
    seen.current = runKey;
  }, [runKey, running, onChanged]);

  if (wallet === null || operator.data === undefined) return null;
  const address = wallet.address.toLowerCase();
  if (!operator.data.accounts.some((a) => a.toLowerCase() === address)) return null;
  const signedIn = me.data !== undefined && me.data.address.toLowerCase() === address;

  const act = async (what: () => Promise<unknown>) => {
    setBusy(true);
    setProblem(null);
    try {
      await what();
    } catch (error) {
      setProblem(describeChainError(error));
    } finally {
      setBusy(false);
    }
  };
  const signIn = () =>
    act(async () => {
      await signInWithEthereum(wallet, "Sign in to run the guild's epochs as its operator");
      me.reload();
    });
  const leave = () =>
    act(async () => {
      await signOut();
      me.reload();
    });
  const start = (path: string, body: object) =>
    act(async () => {
      await apiPost(path, body);
      setPolling(true);
      operator.reload();
    });

  const epoch = epochs === undefined ? undefined : epochToRun(epochs);
  return (
    <section className="card operator" aria-labelledby="operator-heading">
      <h2 id="operator-heading">Operator</h2>
      {!signedIn && (
        <>
          <p>
            <code>{shortAddress(wallet.address)}</code> runs this guild's epochs. Sign in with Ethereum to run
            them here, on the node, while it serves.
          </p>
          <button type="button" onClick={signIn} disabled={busy}>
            Sign in as operator
          </button>
        </>
      )}
      {signedIn && (
        <>
          <p className="muted">
            Signed in as <code>{shortAddress(wallet.address)}</code>.{" "}
            <button type="button" onClick={leave} disabled={busy}>
              Sign out
            </button>
          </p>
          {epoch === undefined && <p>No epoch to run: contributions open epoch 1.</p>}
          {epoch !== undefined && (
            <div className="actions">
              {RUNNABLE.includes(epoch.state) && (
                <button
                  type="button"
                  className="primary"
                  disabled={busy || running}
                  onClick={() => start(`/v1/epochs/${epoch.id}/run`, {})}
                  title="close, assess, allocate and propose on chain"
                >
                  Run epoch #{epoch.id}
                </button>
              )}
              {epoch.state === "proposed" && (
                <button
                  type="button"
                  className="primary"
                  disabled={busy || running}
                  onClick={() => start(`/v1/epochs/${epoch.id}/finalize`, {})}
                >
                  Finalize epoch #{epoch.id}
                </button>
              )}
              {epoch.state === "proposed" && guild?.chain === "embedded" && (
                <button
                  type="button"
                  disabled={busy || running}
                  onClick={() => start(`/v1/epochs/${epoch.id}/finalize`, { passChallengeWindow: true })}
                  title="moves the embedded chain's clock past the challenge window: for development and demos"
                >
                  Pass the challenge window and finalize (development chain)
                </button>
              )}
            </div>
          )}
        </>
      )}
      {run !== null && signedIn && (
        <p
          role={run.status === "failed" ? "alert" : "status"}
          className={run.status === "failed" ? "error" : run.status === "done" ? "ok" : "muted"}
          data-testid="operator-run"
        >
          {run.status === "running" &&
            `Epoch #${run.epochId}: ${run.step === null ? "starting" : STEP_WORDS[run.step]}${
              run.step === "assess" && run.assessed !== null
                ? ` (${run.assessed.finished} of ${run.assessed.total} jobs)`
                : ""
            }…`}
          {run.status === "done" && `Epoch #${run.epochId} is ${run.state}.`}
          {run.status === "stopped" && `Epoch #${run.epochId}: stopped at ${run.state} (the node stopped).`}
          {run.status === "failed" &&
            `Epoch #${run.epochId} stopped at ${run.state}: ${run.error?.message ?? "failed"} (${run.error?.code ?? ""})`}
        </p>
      )}
      {problem !== null && (
        <p role="alert" className="error">
          {problem}
        </p>
      )}
    </section>
  );
}
