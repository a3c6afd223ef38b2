// How concentrated one epoch's payouts and the voting power after it are: Gini, Nakamoto coefficient,
// top-10 share and the Lorenz curves.
import type { EpochFairness } from "../../../src/node/api/apiTypes.ts";
import { FairnessFigures } from "./FairnessFigures.tsx";

export function FairnessPanel({ epoch }: { epoch: EpochFairness }) {
  return (
    <section className="card" aria-labelledby="fairness-heading">
      <h2 id="fairness-heading">Fairness, epoch #{epoch.epochId}</h2>
      <div className="fairness">
        <FairnessFigures name="Payouts" figures={epoch.payouts} />
        <FairnessFigures name="Voting power" figures={epoch.votingPower} />
      </div>
    </section>
  );
}
