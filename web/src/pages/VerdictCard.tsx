// One evaluator's verdict: overall score, each criterion's score and reason, flags, the contributor's
// disputes of it, and (folded) what the evaluator ran with, so anyone can reproduce it.
import type { ReactNode } from "react";
import type { DisputeView, VerdictView } from "../../../src/node/api/apiTypes.ts";
import { formatTime, shortAddress } from "../format.ts";

export function VerdictCard({
  verdict,
  disputes = [],
  children,
}: {
  verdict: VerdictView;
  /** The disputes of this evaluator's verdict, in the order filed. */
  disputes?: readonly DisputeView[];
  /** What the page adds under the verdict (the dispute control). */
  children?: ReactNode;
}) {
  return (
    <section className="card verdict" aria-label={`Verdict by ${verdict.evaluator.id}`}>
      <h3>
        {verdict.evaluator.id} <small>version {verdict.evaluator.version}</small>
        {verdict.replica > 0 && <small> · replica {verdict.replica}</small>}
      </h3>
      <p>
        Overall <strong data-testid="verdict-overall">{verdict.overall}</strong>
        {verdict.flags.length > 0 && (
          <>
            {" "}
            · flags:{" "}
            {verdict.flags.map((f) => (
              <span key={f} className="badge badge-warn">
                {f}
              </span>
            ))}
          </>
        )}
      </p>
      <div className="table-scroll">
        <table aria-label={`Scores by ${verdict.evaluator.id}`}>
          <thead>
            <tr>
              <th scope="col">Criterion</th>
              <th scope="col">Score</th>
              <th scope="col">Reason</th>
            </tr>
          </thead>
          <tbody>
            {verdict.scores.map((s) => (
              <tr key={s.criterion}>
                <th scope="row">{s.criterion}</th>
                <td>{s.score}</td>
                <td>{s.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {disputes.length > 0 && (
        <section aria-label={`Disputes of the verdict by ${verdict.evaluator.id}`}>
          <h4>Disputed by the contributor{disputes.length > 1 ? ` (${disputes.length})` : ""}</h4>
          <ul className="disputes">
            {disputes.map((d) => (
              <li key={d.id} data-testid="dispute">
                <p className="description">{d.reason}</p>
                <small className="muted">
                  by <code title={d.disputant}>{shortAddress(d.disputant)}</code> on {formatTime(d.createdAt)}
                  , signed (EIP-712)
                </small>
              </li>
            ))}
          </ul>
        </section>
      )}
      {children}
      <details>
        <summary>What the evaluator ran with</summary>
        <p>
          Input hash <code>{verdict.inputHash}</code>
          <br />
          Verdict hash <code>{verdict.verdictHash}</code>
        </p>
        <pre>{JSON.stringify(verdict.raw, null, 2)}</pre>
      </details>
    </section>
  );
}
