// One contribution: what it is, and every verdict on it with each criterion's score and reason, the
// evaluator and its version, what the evaluator ran with, and the contributor's disputes of it (which the
// connected contributor files here while the epoch can still be vetoed), and the members who endorsed it.
import { useState } from "react";
import type {
  ContributionDetail,
  ContributionDisputes,
  DisputeView,
  EpochState,
  EpochView,
} from "../../../src/node/api/apiTypes.ts";
import { useApi } from "../api/useApi.ts";
import { ApiState } from "../components/ApiState.tsx";
import { formatTime } from "../format.ts";
import { Link } from "../router/Link.tsx";
import { useWallet } from "../wallet/WalletContext.tsx";
import { DisputeForm } from "./DisputeForm.tsx";
import { EndorsementsPanel } from "./EndorsementsPanel.tsx";
import { VerdictCard } from "./VerdictCard.tsx";

/** Epoch states whose verdicts a contributor may dispute (the node also checks the challenge window). */
const DISPUTABLE: readonly EpochState[] = ["assessed", "allocated", "proposed", "vetoed"];

export function ContributionPage({ id }: { id: string }) {
  const { data: c, loading, error } = useApi<ContributionDetail>(`/v1/contributions/${id}`);
  const loaded = useApi<ContributionDisputes>(`/v1/contributions/${id}/disputes`);
  const epoch = useApi<EpochView>(c === undefined ? null : `/v1/epochs/${c.epochId}`);
  const { wallet } = useWallet();
  // Disputes filed from this page, shown before the list is read again.
  const [filed, setFiled] = useState<DisputeView[]>([]);
  const disputes = [
    ...(loaded.data?.items ?? []),
    ...filed.filter((f) => !(loaded.data?.items ?? []).some((d) => d.id === f.id)),
  ];
  const own =
    wallet !== null &&
    c?.contributor.kind === "address" &&
    c.contributor.address.toLowerCase() === wallet.address.toLowerCase();
  const disputable = own && epoch.data !== undefined && DISPUTABLE.includes(epoch.data.state);
  // Replicas of one evaluator are one verdict to dispute: the control and the disputes go on the first.
  const firstOf = new Set(
    (c?.verdicts ?? []).map((v) => c?.verdicts.find((w) => w.evaluator.id === v.evaluator.id)),
  );
  const onFiled = (dispute: DisputeView) => {
    setFiled((f) => [...f, dispute]);
    loaded.reload();
  };
  return (
    <>
      <p>
        <Link to="/contributions">← Contributions</Link>
      </p>
      <ApiState what="the contribution" loading={loading} error={error} />
      {c !== undefined && (
        <>
          <h1>{c.title}</h1>
          <dl className="inline">
            <dt>Kind</dt>
            <dd>{c.kind}</dd>
            <dt>Contributor</dt>
            <dd>
              <code>
                {c.contributor.kind === "address"
                  ? c.contributor.address
                  : `${c.contributor.source}: ${c.contributor.name}`}
              </code>
            </dd>
            <dt>Epoch</dt>
            <dd>
              <Link to={`/epochs/${c.epochId}`}>#{c.epochId}</Link>
            </dd>
            <dt>Created</dt>
            <dd>{formatTime(c.createdAt)}</dd>
            <dt>Source</dt>
            <dd>
              {c.source.kind === "signed"
                ? "signed by the contributor (EIP-712)"
                : c.source.kind === "git"
                  ? `git ${c.source.repository} @ ${c.source.commit.slice(0, 10)}`
                  : `grant round ${c.source.file}, application ${c.source.applicationId}`}
            </dd>
          </dl>
          {c.description !== "" && <p className="description">{c.description}</p>}
          {c.links.length > 0 && (
            <ul aria-label="Links">
              {c.links.map((link) => (
                <li key={link}>
                  <a href={link} rel="noopener noreferrer nofollow" target="_blank">
                    {link}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {Object.keys(c.metrics).length > 0 && (
            <p>
              Metrics:{" "}
              {Object.entries(c.metrics)
                .map(([name, value]) => `${name} ${value}`)
                .join(" · ")}
            </p>
          )}
          <EndorsementsPanel contributionId={c.id} own={own} />
          <h2>Verdicts</h2>
          {c.verdicts.length === 0 ? (
            <p data-testid="no-verdicts">Not assessed yet: verdicts appear once the epoch is assessed.</p>
          ) : (
            c.verdicts.map((v) => {
              const first = firstOf.has(v);
              const ofVerdict = first ? disputes.filter((d) => d.evaluator === v.evaluator.id) : [];
              const mine = ofVerdict.find((d) => d.disputant.toLowerCase() === wallet?.address.toLowerCase());
              return (
                <VerdictCard
                  key={`${v.evaluator.id}:${v.replica}:${v.verdictHash}`}
                  verdict={v}
                  disputes={ofVerdict}
                >
                  {first && (disputable || (own && mine !== undefined)) && (
                    <DisputeForm
                      contributionId={c.id}
                      evaluator={v.evaluator.id}
                      filed={mine}
                      onFiled={onFiled}
                    />
                  )}
                </VerdictCard>
              );
            })
          )}
        </>
      )}
    </>
  );
}
