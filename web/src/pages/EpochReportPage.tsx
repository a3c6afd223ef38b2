// One epoch's report: who was paid what and why (sortable, exportable as CSV), the report hash, the
// on-chain root, the command that recomputes it all, and the contributors' disputes of its verdicts,
// which voters weigh before the challenge window ends.
import { Fragment, useState } from "react";
import type { EpochDisputePage, EpochReportView, EpochView } from "../../../src/node/api/apiTypes.ts";
import { useApi } from "../api/useApi.ts";
import { ApiState } from "../components/ApiState.tsx";
import { formatAmount, formatPpm, formatTime, shortAddress } from "../format.ts";
import { Link } from "../router/Link.tsx";
import type { SortKey } from "./recipientRows.ts";
import { recipientRows, rowsToCsv, sortRows } from "./recipientRows.ts";
import { SortHeader } from "./SortHeader.tsx";

export function EpochReportPage({ id }: { id: number }) {
  const epoch = useApi<EpochView>(`/v1/epochs/${id}`);
  const report = useApi<EpochReportView>(`/v1/epochs/${id}/report`);
  const disputes = useApi<EpochDisputePage>(`/v1/epochs/${id}/disputes?limit=50`);
  const [sort, setSort] = useState<{ key: SortKey; ascending: boolean }>({ key: "payout", ascending: false });
  const rows =
    report.data === undefined ? [] : sortRows(recipientRows(report.data.summary), sort.key, sort.ascending);
  const sortBy = (key: SortKey) =>
    setSort((s) => ({ key, ascending: s.key === key ? !s.ascending : key === "recipient" }));

  const exportCsv = () => {
    const url = URL.createObjectURL(new Blob([rowsToCsv(rows)], { type: "text/csv" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = `guild-epoch-${id}-payouts.csv`;
    a.click();
    URL.revokeObjectURL(url);
  };

  const e = epoch.data;
  const summary = report.data?.summary;
  return (
    <>
      <p>
        <Link to="/epochs">← Epochs</Link>
      </p>
      <h1>Epoch #{id} report</h1>
      <ApiState what="the epoch" loading={epoch.loading} error={epoch.error} />
      {e !== undefined && (
        <dl className="inline">
          <dt>State</dt>
          <dd>
            <span className={`state state-${e.state}`} data-testid="report-state">
              {e.state}
            </span>
          </dd>
          {Object.entries(e.enteredAt).map(([state, at]) => (
            <Fragment key={state}>
              <dt>{state}</dt>
              <dd>{formatTime(at as number)}</dd>
            </Fragment>
          ))}
          <dt>Report hash</dt>
          <dd>
            <code data-testid="report-hash">{e.reportHash ?? "—"}</code>
          </dd>
          <dt>Root on chain</dt>
          <dd>
            <code data-testid="report-root">{e.root ?? "—"}</code>
          </dd>
          {Object.entries(e.txHashes).map(([what, hash]) => (
            <Fragment key={what}>
              <dt>{what} tx</dt>
              <dd>
                <code>{hash}</code>
              </dd>
            </Fragment>
          ))}
        </dl>
      )}
      <section className="card" aria-labelledby="verify-heading">
        <h2 id="verify-heading">Check it yourself</h2>
        <p>
          Recompute this epoch from its published inputs and compare the report, root and config with the
          chain:
        </p>
        <pre className="command" data-testid="verify-command">
          guild verify {id}
        </pre>
        {e?.reportHash !== null && e?.reportHash !== undefined && (
          <p>
            <a href={`/v1/epochs/${id}/report?full=1`} download={`guild-epoch-${id}-report.json`}>
              Download the whole report
            </a>{" "}
            (its keccak256 is the report hash)
          </p>
        )}
      </section>
      {!disputes.error?.routeMissing && (
        <section className="card" aria-labelledby="disputes-heading">
          <h2 id="disputes-heading">Disputes</h2>
          <ApiState what="the disputes" loading={disputes.loading} error={disputes.error} />
          {disputes.data !== undefined && (
            <>
              <p data-testid="dispute-count">
                {disputes.data.total === 0
                  ? "No contributor disputed a verdict of this epoch."
                  : `${disputes.data.total} ${disputes.data.total === 1 ? "dispute" : "disputes"} on ${disputes.data.contributions} ${disputes.data.contributions === 1 ? "contribution" : "contributions"}`}
                {disputes.data.total > 0 && e?.state === "proposed" && (
                  <>: governance can veto the epoch until its challenge window ends.</>
                )}
              </p>
              {disputes.data.items.length > 0 && (
                <ul aria-label={`Disputes of epoch ${id}`}>
                  {disputes.data.items.map((d) => (
                    <li key={d.id}>
                      <Link to={`/contributions/${d.contributionId}`}>
                        contribution <code>{d.contributionId.slice(0, 10)}…</code>
                      </Link>
                      , verdict by {d.evaluator}: <q>{d.reason}</q>{" "}
                      <small className="muted">
                        (<code title={d.disputant}>{shortAddress(d.disputant)}</code>,{" "}
                        {formatTime(d.createdAt)})
                      </small>
                    </li>
                  ))}
                </ul>
              )}
              {disputes.data.nextCursor !== null && (
                <p className="muted">
                  The first {disputes.data.items.length} are listed; each contribution's page shows its own.
                </p>
              )}
            </>
          )}
        </section>
      )}
      {report.error?.code === "NoReport" ? (
        <p>No report yet: the epoch has one once it is allocated.</p>
      ) : (
        <ApiState what="the report" loading={report.loading} error={report.error} />
      )}
      {summary !== undefined && (
        <section aria-labelledby="payouts-table-heading">
          <h2 id="payouts-table-heading">Who was paid what and why</h2>
          <p>
            Budget {formatAmount(summary.allocation.budget)} GUILD · paid{" "}
            {formatAmount(summary.allocation.totalPaid)} GUILD to {rows.length} recipients ·{" "}
            {summary.counts.contributions} contributions, {summary.counts.verdicts} verdicts
          </p>
          <button type="button" onClick={exportCsv}>
            Export CSV
          </button>
          <div className="table-scroll">
            <table aria-label={`Payouts of epoch ${id}`}>
              <thead>
                <tr>
                  <SortHeader label="Recipient" column="recipient" sort={sort} onSort={sortBy} />
                  <SortHeader label="Value share" column="valueSharePpm" sort={sort} onSort={sortBy} />
                  <SortHeader label="Payout (GUILD)" column="payout" sort={sort} onSort={sortBy} />
                  <SortHeader label="Carried out" column="carriedOut" sort={sort} onSort={sortBy} />
                  <th scope="col">Why</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.recipient}>
                    <td>
                      <Link to={`/contributions?contributor=${r.recipient}&epoch=${id}`} title={r.recipient}>
                        <code>{r.recipient}</code>
                      </Link>
                    </td>
                    <td>{formatPpm(r.valueSharePpm, 2)}</td>
                    <td data-testid="payout-cell">
                      {formatAmount(r.payout)}
                      {r.capped && <span className="badge">capped</span>}
                      {r.belowFloor && <span className="badge badge-warn">below floor</span>}
                    </td>
                    <td>{formatAmount(r.carriedOut)}</td>
                    <td className="why">{r.explanation}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {summary.unmapped.length > 0 && (
            <p>
              {summary.unmapped.length} contributors are not tied to an address yet and were not paid:{" "}
              {summary.unmapped.map((u) => `${u.source}:${u.name}`).join(", ")}
            </p>
          )}
        </section>
      )}
    </>
  );
}
