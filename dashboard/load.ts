import { useCallback, useEffect, useState } from 'preact/hooks';
import { messageOf } from './api';

export interface Loaded<T> {
  data?: T;
  error?: string;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data for a view and reloads it on demand (after a change). A result that arrives after
 * the inputs changed is dropped, so a slow answer for one site never shows on another.
 */
export function useLoad<T>(load: () => Promise<T>, inputs: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: string; loading: boolean }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  // The caller names the inputs, as with useEffect: a new site id means a new load.
  const run = useCallback(load, inputs);
  useEffect(() => {
    let current = true;
    setState((previous) => ({ ...previous, loading: true }));
    run().then(
      (data) => current && setState({ data, loading: false }),
      (error: unknown) => current && setState({ error: messageOf(error), loading: false }),
    );
    return () => {
      current = false;
    };
  }, [run, generation]);
  return { ...state, reload: useCallback(() => setGeneration((n) => n + 1), []) };
}
