// The epochs, newest first, each linking to its report; the operator's panel above them.
import type { EpochView, Page } from "../../../src/node/api/apiTypes.ts";
import { useApi } from "../api/useApi.ts";
import { ApiState } from "../components/ApiState.tsx";
import { formatTime } from "../format.ts";
import { Link } from "../router/Link.tsx";
import { OperatorPanel } from "./OperatorPanel.tsx";

export function EpochsPage() {
  const { data, loading, error, reload } = useApi<Page<EpochView>>("/v1/epochs?limit=100");
  return (
    <>
      <h1>Epochs</h1>
      <OperatorPanel epochs={data?.items} onChanged={reload} />
      <ApiState what="epochs" loading={loading} error={error} />
      {data !== undefined && data.items.length === 0 && <p>No epoch yet.</p>}
      {data !== undefined && data.items.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Epochs">
            <thead>
              <tr>
                <th scope="col">Epoch</th>
                <th scope="col">State</th>
                <th scope="col">Since</th>
                <th scope="col">Root</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((e) => (
                <tr key={e.id}>
                  <td>
                    <Link to={`/epochs/${e.id}`}>#{e.id}</Link>
                  </td>
                  <td>
                    <span className={`state state-${e.state}`}>{e.state}</span>
                  </td>
                  <td>
                    {e.enteredAt[e.state] === undefined ? "" : formatTime(e.enteredAt[e.state] as number)}
                  </td>
                  <td>
                    <code>{e.root === null ? "—" : `${e.root.slice(0, 12)}…`}</code>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
