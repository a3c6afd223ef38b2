// Overview: the treasury, the current epoch and its countdown, the budget, the last settled epoch's
// payouts and how fairly they were spread.
import { useMemo } from "react";
import type { FairnessSeries } from "../../../src/node/api/apiTypes.ts";
import { useGuild } from "../api/GuildContext.tsx";
import { useApi } from "../api/useApi.ts";
import { ApiState } from "../components/ApiState.tsx";
import { Countdown } from "../components/Countdown.tsx";
import { formatAmount, formatDuration, formatTime } from "../format.ts";
import { Link } from "../router/Link.tsx";
import { FairnessPanel } from "./FairnessPanel.tsx";
import { PayoutChart } from "./PayoutChart.tsx";

export function OverviewPage() {
  const guild = useGuild();
  const fairness = useApi<FairnessSeries>("/v1/fairness");
  const g = guild.data;
  // When the overview was read, on this machine's clock: the countdown runs from there.
  const readAt = useMemo(() => (g === undefined ? 0 : Date.now() / 1000), [g]);
  const last = fairness.data?.epochs.at(-1);

  return (
    <>
      <h1>Overview</h1>
      <ApiState what="the guild" loading={guild.loading && g === undefined} error={guild.error} />
      {g !== undefined && (
        <div className="cards">
          <section className="card" aria-labelledby="treasury-heading">
            <h2 id="treasury-heading">Treasury</h2>
            <dl>
              <dt>Treasury</dt>
              <dd data-testid="treasury">{formatAmount(g.treasury)} GUILD</dd>
              <dt>Held for claims</dt>
              <dd>{formatAmount(g.escrow)} GUILD</dd>
              <dt>Reputation in all</dt>
              <dd>{formatAmount(g.reputationSupply)} gREP</dd>
              <dt>Chain</dt>
              <dd>
                {g.chain === "embedded" ? "embedded (development)" : "JSON-RPC"} · id {g.chainId}
              </dd>
            </dl>
          </section>
          <section className="card" aria-labelledby="epoch-heading">
            <h2 id="epoch-heading">Current epoch</h2>
            {g.currentEpoch === null ? (
              <p>No epoch yet: the first opens with the first contribution.</p>
            ) : (
              <dl>
                <dt>Epoch</dt>
                <dd>
                  <Link to={`/epochs/${g.currentEpoch.id}`}>#{g.currentEpoch.id}</Link>{" "}
                  <span className={`state state-${g.currentEpoch.state}`} data-testid="epoch-state">
                    {g.currentEpoch.state}
                  </span>
                </dd>
                {g.currentEpoch.lengthEndsAt !== null && (
                  <>
                    <dt>Closes</dt>
                    <dd>
                      <Countdown
                        until={g.currentEpoch.lengthEndsAt}
                        chainTime={g.chainTime}
                        readAt={readAt}
                      />{" "}
                      ({formatTime(g.currentEpoch.lengthEndsAt)})
                    </dd>
                  </>
                )}
                <dt>Budget per epoch</dt>
                <dd data-testid="budget">{formatAmount(g.parameters.budgetPerEpoch)} GUILD</dd>
                <dt>Cap per recipient</dt>
                <dd data-testid="cap">{g.parameters.capBps / 100}% of the budget</dd>
                <dt>Floor</dt>
                <dd>{formatAmount(g.parameters.floorAmount)} GUILD</dd>
                <dt>Epoch length</dt>
                <dd>{formatDuration(g.parameters.epochLengthSeconds)}</dd>
              </dl>
            )}
            {g.activeEpoch !== null && (
              <p>
                Claims are made against epoch #{g.activeEpoch.id} until{" "}
                {formatTime(g.activeEpoch.claimsExpireAt)}. <Link to="/claim">Claim</Link>
              </p>
            )}
          </section>
        </div>
      )}
      <ApiState what="fairness figures" loading={fairness.loading} error={fairness.error} />
      {fairness.data !== undefined && last === undefined && (
        <p>No epoch is settled yet: payouts appear here then.</p>
      )}
      {last !== undefined && (
        <>
          <PayoutChart epochId={last.epochId} totalPaid={last.totalPaid} />
          <FairnessPanel epoch={last} />
        </>
      )}
    </>
  );
}
