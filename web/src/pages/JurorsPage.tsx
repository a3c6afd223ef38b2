// Jurors: spot checks one pair at a time ("which was worth more, and how many times more?"), answered
// with the keyboard (A or B, then a number for the ratio, Enter to sign) and signed with EIP-712.
import { useCallback, useEffect, useState } from "react";
import type { Hex } from "viem";
import type { SignedSpotCheck } from "../../../src/core/jurors/spotCheck.ts";
import { spotCheckTypedData } from "../../../src/core/jurors/spotCheck.ts";
import { ApiRequestFailed, apiPost, withQuery } from "../api/fetchApi.ts";
import { useGuild } from "../api/GuildContext.tsx";
import { useApi } from "../api/useApi.ts";
import { ApiState } from "../components/ApiState.tsx";
import { Link } from "../router/Link.tsx";
import { randomNonce } from "../wallet/randomNonce.ts";
import { describeChainError } from "../wallet/sendContractCall.ts";
import { useWallet } from "../wallet/WalletContext.tsx";

/** The routes this page needs (not in every node yet: without them it says so). */
export const SPOT_CHECKS_PATH = "/v1/spot-checks";
export const JUROR_ANSWERS_PATH = "/v1/juror-answers";

/** A pair the node asks a juror about, as `spotChecksFor` chooses it. */
export interface SpotCheckPair {
  a: Hex;
  b: Hex;
  score: number;
  titles: { a: string; b: string };
}

export interface SpotCheckPage {
  epochId: number;
  items: SpotCheckPair[];
}

/** Ratios offered on the number keys: key n means n times more (0 means ten times). */
const RATIOS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] as const;
const DEADLINE_SECONDS = 3_600;

export function JurorsPage() {
  const { data: guild } = useGuild();
  const { wallet } = useWallet();
  const pairs = useApi<SpotCheckPage>(
    wallet === null ? null : withQuery(SPOT_CHECKS_PATH, { juror: wallet.address, count: 10 }),
  );
  const [index, setIndex] = useState(0);
  const [winner, setWinner] = useState<"a" | "b" | null>(null);
  const [ratio, setRatio] = useState(1);
  const [status, setStatus] = useState<
    { kind: "idle" | "busy" } | { kind: "done" | "failed"; message: string }
  >({
    kind: "idle",
  });
  const pair = pairs.data?.items[index];

  const answer = useCallback(async () => {
    if (
      wallet === null ||
      guild === undefined ||
      pair === undefined ||
      winner === null ||
      pairs.data === undefined
    )
      return;
    setStatus({ kind: "busy" });
    try {
      const fields = {
        epochId: pairs.data.epochId,
        a: pair.a,
        b: pair.b,
        winner: winner === "a" ? pair.a : pair.b,
        multiplierPermille: Math.round(ratio * 1000),
        nonce: randomNonce(),
        deadline: guild.chainTime + DEADLINE_SECONDS,
      };
      const typedData = spotCheckTypedData(wallet.address, fields, {
        chainId: guild.chainId,
        verifyingContract: guild.contracts.token,
      });
      const signature = await wallet.walletClient.signTypedData({
        ...typedData,
        account: wallet.walletClient.account,
      });
      const signed: SignedSpotCheck = {
        ...fields,
        juror: wallet.address,
        nonce: fields.nonce.toString(),
        signature,
      };
      await apiPost(JUROR_ANSWERS_PATH, signed);
      setStatus({ kind: "done", message: `Recorded: ${winner.toUpperCase()} worth ${ratio}× the other.` });
      setIndex((i) => i + 1);
      setWinner(null);
      setRatio(1);
    } catch (error) {
      const message =
        error instanceof ApiRequestFailed
          ? error.routeMissing
            ? "this node does not take juror answers yet"
            : `${error.message} (${error.code})`
          : describeChainError(error);
      setStatus({ kind: "failed", message });
    }
  }, [wallet, guild, pair, winner, ratio, pairs.data]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      if (target !== null && ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName)) return;
      if (event.metaKey || event.ctrlKey || event.altKey || pair === undefined) return;
      const key = event.key.toLowerCase();
      if (key === "a" || key === "b") setWinner(key);
      else if (/^[0-9]$/.test(key)) setRatio(key === "0" ? 10 : Number(key));
      else if (key === "enter" && winner !== null && target?.tagName !== "BUTTON") void answer();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [pair, winner, answer]);

  return (
    <>
      <h1>Jurors</h1>
      <p>
        Which of two contributions was worth more, and how many times more? Your answers calibrate the AI.
        Keys: <kbd>A</kbd> or <kbd>B</kbd> picks, <kbd>1</kbd>–<kbd>9</kbd> sets the ratio (<kbd>0</kbd> is
        10×), <kbd>Enter</kbd> signs.
      </p>
      {wallet === null && <p>Connect a wallet to be asked spot checks.</p>}
      <ApiState what="spot checks" loading={pairs.loading} error={pairs.error} />
      {pairs.data !== undefined && pair === undefined && (
        <p>No spot check left for you in this epoch. Thank you.</p>
      )}
      {pair !== undefined && (
        <section className="card" aria-labelledby="pair-heading">
          <h2 id="pair-heading">
            Spot check {index + 1} of {pairs.data?.items.length}, epoch #{pairs.data?.epochId}
          </h2>
          <div className="pair">
            {(["a", "b"] as const).map((side) => (
              <button
                key={side}
                type="button"
                className={winner === side ? "choice chosen" : "choice"}
                aria-pressed={winner === side}
                aria-keyshortcuts={side.toUpperCase()}
                aria-label={`${side.toUpperCase()} was worth more: ${pair.titles[side]}`}
                onClick={() => setWinner(side)}
              >
                <span className="choice-key">{side.toUpperCase()}</span>
                <span>{pair.titles[side]}</span>
              </button>
            ))}
          </div>
          <p>
            <Link to={`/contributions/${pair.a}`}>Read A</Link> ·{" "}
            <Link to={`/contributions/${pair.b}`}>Read B</Link>
          </p>
          <label>
            How many times more
            <select value={ratio} onChange={(e) => setRatio(Number(e.target.value))}>
              {RATIOS.map((r) => (
                <option key={r} value={r}>
                  {r === 1 ? "about as much (1×)" : `${r}×`}
                </option>
              ))}
            </select>
          </label>{" "}
          <button
            type="button"
            className="primary"
            onClick={answer}
            disabled={winner === null || status.kind === "busy"}
          >
            Sign answer
          </button>
        </section>
      )}
      {status.kind === "done" && (
        <p role="status" className="ok">
          {status.message}
        </p>
      )}
      {status.kind === "failed" && (
        <p role="alert" className="error">
          Answer not recorded: {status.message}
        </p>
      )}
    </>
  );
}
