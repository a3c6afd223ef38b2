// One epoch's largest payouts as a bar chart.
import type { PayoutPage } from "../../../src/node/api/apiTypes.ts";
import { useApi } from "../api/useApi.ts";
import { ApiState } from "../components/ApiState.tsx";
import { BarChart } from "../components/BarChart.tsx";
import { formatAmount, shortAddress } from "../format.ts";
import { Link } from "../router/Link.tsx";

/** Most bars drawn; the epoch report lists everyone. */
const MAX_BARS = 12;

export function PayoutChart({ epochId, totalPaid }: { epochId: number; totalPaid: string }) {
  const payouts = useApi<PayoutPage>(`/v1/epochs/${epochId}/payouts?limit=1000`);
  const items = [...(payouts.data?.items ?? [])]
    .sort((a, b) => (BigInt(b.amount) > BigInt(a.amount) ? 1 : BigInt(b.amount) < BigInt(a.amount) ? -1 : 0))
    .slice(0, MAX_BARS);
  return (
    <section className="card" aria-labelledby="payouts-heading">
      <h2 id="payouts-heading">
        Epoch #{epochId} payouts <small>({formatAmount(totalPaid)} GUILD in all)</small>
      </h2>
      <ApiState what="payouts" loading={payouts.loading} error={payouts.error} />
      {items.length > 0 && (
        <BarChart
          title={`Largest payouts of epoch ${epochId}, GUILD`}
          bars={items.map((p) => ({
            label: shortAddress(p.recipient),
            // Bars only need the proportion: a float of whole tokens is precise enough for a length.
            value: Number(BigInt(p.amount) / 10n ** 12n) / 1e6,
            display: formatAmount(p.amount),
          }))}
        />
      )}
      <p>
        <Link to={`/epochs/${epochId}`}>Who was paid what and why</Link>
      </p>
    </section>
  );
}
