// One evaluator's verdict: overall score, each criterion's score and reason, flags, and (folded) what
// the evaluator ran with, so anyone can reproduce it.
import type { VerdictView } from "../../../src/node/api/apiTypes.ts";

export function VerdictCard({ verdict }: { verdict: VerdictView }) {
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
