// A path the dashboard has no page for.
import { Link } from "../router/Link.tsx";

export function NotFoundPage({ path }: { path: string }) {
  return (
    <>
      <h1>No such page</h1>
      <p>
        The dashboard has no page at <code>{path}</code>. <Link to="/">Go to the overview</Link>
      </p>
    </>
  );
}
