// One distribution's fairness figures and its Lorenz curve.
import type { FairnessFiguresView } from "../../../src/node/api/apiTypes.ts";
import { LorenzCurve } from "../components/LorenzCurve.tsx";
import { formatPpm } from "../format.ts";

export function FairnessFigures({ name, figures }: { name: string; figures: FairnessFiguresView }) {
  return (
    <div className="fairness-column">
      <h3>{name}</h3>
      <dl>
        <dt>Gini</dt>
        <dd>{(figures.giniPpm / 1_000_000).toFixed(3)}</dd>
        <dt title="the fewest holders who together hold more than half">Nakamoto coefficient</dt>
        <dd>{figures.nakamotoCoefficient}</dd>
        <dt>Top-10 share</dt>
        <dd>{formatPpm(figures.top10SharePpm)}</dd>
      </dl>
      <LorenzCurve title={`Lorenz curve of ${name.toLowerCase()}`} points={figures.lorenzCurve} />
    </div>
  );
}
