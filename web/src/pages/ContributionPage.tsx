// One contribution: what it is, and every verdict on it with each criterion's score and reason, the
// evaluator and its version, and what the evaluator ran with.
import type { ContributionDetail } from "../../../src/node/api/apiTypes.ts";
import { useApi } from "../api/useApi.ts";
import { ApiState } from "../components/ApiState.tsx";
import { formatTime } from "../format.ts";
import { Link } from "../router/Link.tsx";
import { VerdictCard } from "./VerdictCard.tsx";

export function ContributionPage({ id }: { id: string }) {
  const { data: c, loading, error } = useApi<ContributionDetail>(`/v1/contributions/${id}`);
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
          <h2>Verdicts</h2>
          {c.verdicts.length === 0 ? (
            <p data-testid="no-verdicts">Not assessed yet: verdicts appear once the epoch is assessed.</p>
          ) : (
            c.verdicts.map((v) => (
              <VerdictCard key={`${v.evaluator.id}:${v.replica}:${v.verdictHash}`} verdict={v} />
            ))
          )}
        </>
      )}
    </>
  );
}
