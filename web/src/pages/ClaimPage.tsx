// Claim: what the connected account can claim across every epoch it has not claimed yet, and the claim
// itself, one transaction against the latest finalized root.
import { useState } from "react";
import { GuildToken } from "../../../src/chain/contracts.generated.ts";
import type { AccountClaim } from "../../../src/node/api/apiTypes.ts";
import { useGuild } from "../api/GuildContext.tsx";
import { useApi } from "../api/useApi.ts";
import { ApiState } from "../components/ApiState.tsx";
import { formatAmount, formatTime } from "../format.ts";
import type { SentCall } from "../wallet/sendContractCall.ts";
import { describeChainError, sendContractCall } from "../wallet/sendContractCall.ts";
import { useWallet } from "../wallet/WalletContext.tsx";

export function ClaimPage() {
  const { data: guild } = useGuild();
  const { wallet } = useWallet();
  const claim = useApi<AccountClaim>(wallet === null ? null : `/v1/accounts/${wallet.address}/claim`);
  const [status, setStatus] = useState<
    | { kind: "idle" }
    | { kind: "busy" }
    | { kind: "done"; sent: SentCall; amount: string }
    | { kind: "failed"; message: string }
  >({ kind: "idle" });

  const c = claim.data;
  const claimable = c === undefined ? 0n : BigInt(c.claimableAmount);

  const send = async () => {
    if (wallet === null || guild === undefined || c?.current === null || c === undefined) return;
    setStatus({ kind: "busy" });
    try {
      const sent = await sendContractCall(wallet, {
        address: guild.contracts.token,
        abi: GuildToken.abi,
        functionName: "claim",
        args: [
          c.account,
          BigInt(c.current.cumulativeAmount),
          BigInt(c.current.cumulativeReputation),
          c.current.proof,
        ],
      });
      setStatus({ kind: "done", sent, amount: c.claimableAmount });
      claim.reload();
    } catch (error) {
      setStatus({ kind: "failed", message: describeChainError(error) });
    }
  };

  return (
    <>
      <h1>Claim</h1>
      {wallet === null && <p>Connect a wallet (top of the page) to see what you can claim.</p>}
      <ApiState what="your claim" loading={claim.loading && c === undefined} error={claim.error} />
      {c !== undefined && (
        <section className="card" aria-labelledby="claim-heading">
          <h2 id="claim-heading">
            <code>{c.account}</code>
          </h2>
          <dl>
            <dt>Claimable now</dt>
            <dd data-testid="claimable">{formatAmount(c.claimableAmount)} GUILD</dd>
            <dt>Claimed so far</dt>
            <dd data-testid="claimed">{formatAmount(c.claimed.amount)} GUILD</dd>
            {c.current !== null && (
              <>
                <dt>Paid in all up to epoch #{c.current.epochId}</dt>
                <dd>
                  {formatAmount(c.current.cumulativeAmount)} GUILD and{" "}
                  {formatAmount(c.current.cumulativeReputation)} gREP
                </dd>
                {c.current.claimsExpireAt !== null && (
                  <>
                    <dt>Claim before</dt>
                    <dd>{formatTime(c.current.claimsExpireAt)}</dd>
                  </>
                )}
              </>
            )}
            {c.pending !== null && (
              <>
                <dt>Coming in epoch #{c.pending.epochId}</dt>
                <dd>
                  {formatAmount(BigInt(c.pending.cumulativeAmount) - BigInt(c.claimed.amount))} GUILD,
                  claimable after {formatTime(c.pending.claimableFrom)} once the epoch is finalized
                </dd>
              </>
            )}
          </dl>
          {c.current === null && c.pending === null && (
            <p>Nothing to claim yet: no settled epoch pays this account.</p>
          )}
          {claimable > 0n && (
            <>
              <p>
                One transaction claims every epoch not claimed yet
                {wallet?.kind === "dev" &&
                  ", signed here with the development account and sent through the node to the embedded chain"}
                .
              </p>
              <button type="button" onClick={send} disabled={status.kind === "busy"} className="primary">
                Claim {formatAmount(c.claimableAmount)} GUILD
              </button>
            </>
          )}
        </section>
      )}
      {status.kind === "busy" && <p className="muted">Waiting for the wallet and the chain…</p>}
      {status.kind === "done" && (
        <p role="status" className="ok" data-testid="claim-confirmed">
          Confirmed in block {status.sent.blockNumber.toString()}: claimed {formatAmount(status.amount)}{" "}
          GUILD. <code>{status.sent.hash}</code>
        </p>
      )}
      {status.kind === "failed" && (
        <p role="alert" className="error">
          Claim not sent: {status.message}
        </p>
      )}
    </>
  );
}
