// Governance: proposals with their actions in words, and voting, queueing and executing them; proposing
// a change of a governed parameter; delegating reputation; vetoing a proposed epoch.
import type { Page, ProposalView } from "../../../src/node/api/apiTypes.ts";
import { useApi } from "../api/useApi.ts";
import { ApiState } from "../components/ApiState.tsx";
import { DelegateForm } from "./DelegateForm.tsx";
import { EpochVetoPanel } from "./EpochVetoPanel.tsx";
import { ProposalCard } from "./ProposalCard.tsx";
import { ProposeForm } from "./ProposeForm.tsx";

export function GovernancePage() {
  const proposals = useApi<Page<ProposalView>>("/v1/proposals?limit=50");
  return (
    <>
      <h1>Governance</h1>
      <section aria-labelledby="proposals-heading">
        <h2 id="proposals-heading">Proposals</h2>
        <ApiState
          what="proposals"
          loading={proposals.loading && proposals.data === undefined}
          error={proposals.error}
        />
        {proposals.data !== undefined && proposals.data.items.length === 0 && <p>No proposal yet.</p>}
        {proposals.data?.items.map((p) => (
          <ProposalCard key={p.id} proposal={p} onChanged={proposals.reload} />
        ))}
      </section>
      <ProposeForm onProposed={proposals.reload} />
      <EpochVetoPanel onProposed={proposals.reload} />
      <DelegateForm />
    </>
  );
}
