// A React hook that loads one API resource, reloads on demand and, optionally, on an interval.
import { useCallback, useEffect, useRef, useState } from "react";
import { ApiRequestFailed, apiGet } from "./fetchApi.ts";

export interface Loaded<T> {
  data: T | undefined;
  error: ApiRequestFailed | undefined;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads `path` (nothing when null) and keeps the last good answer while reloading, so a page does not
 * flicker when it refreshes. `refreshMs` reloads in the background.
 */
export function useApi<T>(path: string | null, refreshMs?: number): Loaded<T> {
  const [state, setState] = useState<{
    data: T | undefined;
    error: ApiRequestFailed | undefined;
    loading: boolean;
  }>({ data: undefined, error: undefined, loading: path !== null });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  // A slow answer for an old path must not overwrite the answer for the new one.
  const latest = useRef(0);

  // biome-ignore lint/correctness/useExhaustiveDependencies: tick is the reload trigger
  useEffect(() => {
    if (path === null) {
      setState({ data: undefined, error: undefined, loading: false });
      return;
    }
    const request = ++latest.current;
    setState((s) => ({ ...s, loading: true }));
    apiGet<T>(path).then(
      (data) => {
        if (request === latest.current) setState({ data, error: undefined, loading: false });
      },
      (error: unknown) => {
        if (request !== latest.current) return;
        const failure =
          error instanceof ApiRequestFailed
            ? error
            : new ApiRequestFailed(0, { code: "Client", message: String(error) });
        setState({ data: undefined, error: failure, loading: false });
      },
    );
  }, [path, tick]);

  useEffect(() => {
    if (refreshMs === undefined || path === null) return;
    const timer = setInterval(reload, refreshMs);
    return () => clearInterval(timer);
  }, [refreshMs, path, reload]);

  return { ...state, reload };
}
