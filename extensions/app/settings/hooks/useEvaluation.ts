import { useCallback, useEffect, useState } from 'react';
import type { EvaluationBody } from '@deal-attribution/domain';
import { getEvaluation } from '../api/backend.js';

export type EvaluationState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly body: EvaluationBody };

export interface EvaluationView {
  readonly state: EvaluationState;
  /** Asks the backend again (after an error, or to see a newer evaluation). */
  readonly reload: () => void;
}

/** The portal's stored model evaluation; the backend only reads it, a worker computes it. */
export function useEvaluation(portalId: number): EvaluationView {
  const [state, setState] = useState<EvaluationState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    void getEvaluation(portalId).then((result) => {
      if (!current) return;
      setState(
        result.ok
          ? { status: 'ready', body: result.body }
          : { status: 'error', message: result.message },
      );
    });
    return () => {
      current = false;
    };
  }, [portalId, attempt]);

  const reload = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);

  return { state, reload };
}
