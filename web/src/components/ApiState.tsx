// What a panel shows instead of its data: loading, an error the node named, or, when the node has no
// route for it, that the feature is not available from this node yet (never made-up data).
import type { ApiRequestFailed } from "../api/fetchApi.ts";

interface ApiStateProps {
  what: string;
  loading: boolean;
  error: ApiRequestFailed | undefined;
}

export function ApiState({ what, loading, error }: ApiStateProps) {
  if (error?.routeMissing === true) return <NotAvailable what={what} />;
  if (error !== undefined) {
    return (
      <p role="alert" className="error">
        Could not load {what}: {error.message} <code>{error.code}</code>
      </p>
    );
  }
  if (loading) return <p className="muted">Loading {what}…</p>;
  return null;
}

/** The node has no API for this yet. */
export function NotAvailable({ what }: { what: string }) {
  return (
    <p className="not-available" role="status">
      {what[0]?.toUpperCase()}
      {what.slice(1)}: not available from this node yet.
    </p>
  );
}
