// Contributions: a list filtered by epoch, kind and contributor (the filters live in the URL, so a
// filtered list can be linked), and the form to submit one.
import type { FormEvent } from "react";
import { useEffect, useState } from "react";
import { CONTRIBUTION_KINDS } from "../../../src/core/contribution/contribution.ts";
import type { ContributionSummary, Page } from "../../../src/node/api/apiTypes.ts";
import { apiGet, withQuery } from "../api/fetchApi.ts";
import { useApi } from "../api/useApi.ts";
import { ApiState } from "../components/ApiState.tsx";
import { formatTime, shortAddress } from "../format.ts";
import { Link } from "../router/Link.tsx";
import { navigate, useRoute } from "../router/useRoute.ts";
import { SubmitForm } from "./SubmitForm.tsx";

export function ContributionsPage() {
  const { query } = useRoute();
  const filters = {
    epoch: query.get("epoch") ?? "",
    kind: query.get("kind") ?? "",
    contributor: query.get("contributor") ?? "",
  };
  const path = withQuery("/v1/contributions", { ...filters, limit: 50 });
  const first = useApi<Page<ContributionSummary>>(path);
  // Later pages, appended by "Load more"; dropped when the filters change.
  const [more, setMore] = useState<{ items: ContributionSummary[]; nextCursor: string | null } | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new path starts the list over
  useEffect(() => setMore(null), [path]);
  const items = [...(first.data?.items ?? []), ...(more?.items ?? [])];
  const nextCursor = more === null ? first.data?.nextCursor : more.nextCursor;

  const applyFilters = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    navigate(
      withQuery("/contributions", {
        epoch: String(form.get("epoch") ?? "").trim(),
        kind: String(form.get("kind") ?? ""),
        contributor: String(form.get("contributor") ?? "").trim(),
      }),
    );
  };
  const loadMore = async () => {
    if (nextCursor === null || nextCursor === undefined) return;
    const page = await apiGet<Page<ContributionSummary>>(withQuery(path, { cursor: nextCursor }));
    setMore({ items: [...(more?.items ?? []), ...page.items], nextCursor: page.nextCursor });
  };

  return (
    <>
      <h1>Contributions</h1>
      <form className="filters" onSubmit={applyFilters} aria-label="Filter contributions" key={path}>
        <label>
          Epoch
          <input name="epoch" inputMode="numeric" pattern="[0-9]*" defaultValue={filters.epoch} size={5} />
        </label>
        <label>
          Kind
          <select name="kind" defaultValue={filters.kind}>
            <option value="">any</option>
            {CONTRIBUTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label>
          Contributor
          <input name="contributor" placeholder="0x…" defaultValue={filters.contributor} spellCheck={false} />
        </label>
        <button type="submit">Filter</button>
      </form>
      <ApiState what="contributions" loading={first.loading} error={first.error} />
      {first.data !== undefined && items.length === 0 && <p>No contribution matches.</p>}
      {items.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Contributions">
            <thead>
              <tr>
                <th scope="col">Title</th>
                <th scope="col">Kind</th>
                <th scope="col">Contributor</th>
                <th scope="col">Epoch</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {items.map((c) => (
                <tr key={c.id}>
                  <td>
                    <Link to={`/contributions/${c.id}`}>{c.title}</Link>
                  </td>
                  <td>{c.kind}</td>
                  <td title={c.contributor.kind === "address" ? c.contributor.address : c.contributor.name}>
                    {c.contributor.kind === "address"
                      ? shortAddress(c.contributor.address)
                      : `${c.contributor.source}: ${c.contributor.name}`}
                  </td>
                  <td>{c.epochId}</td>
                  <td>{formatTime(c.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextCursor !== null && nextCursor !== undefined && (
        <button type="button" onClick={loadMore}>
          Load more
        </button>
      )}
      <SubmitForm onSubmitted={first.reload} />
    </>
  );
}
