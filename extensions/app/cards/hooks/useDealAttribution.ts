import { useCallback, useEffect, useState } from 'react';
import type { DealAttributionBody, ModelId, NotSyncedBody } from '@deal-attribution/domain';
import { fetchDealAttribution } from '../api/backend.js';

export type CardState =
  | { readonly status: 'loading' }
  /** `refreshing`: another model was picked and its answer is on the way; the old one stays up. */
  | { readonly status: 'ready'; readonly data: DealAttributionBody; readonly refreshing: boolean }
  | { readonly status: 'not_synced'; readonly data: NotSyncedBody }
  | { readonly status: 'error'; readonly message: string };

export interface DealAttributionView {
  readonly state: CardState;
  /** The model asked for; undefined = the portal's configured model. */
  readonly model: ModelId | undefined;
  readonly selectModel: (model: ModelId) => void;
  readonly retry: () => void;
}

export function useDealAttribution(dealId: number, portalId: number): DealAttributionView {
  const [model, setModel] = useState<ModelId | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<CardState>({ status: 'loading' });

  useEffect(() => {
    let current = true; // a late answer for an older model or deal must not win
    setState((prev) =>
      prev.status === 'ready' ? { ...prev, refreshing: true } : { status: 'loading' },
    );
    void fetchDealAttribution(dealId, portalId, model).then((result) => {
      if (!current) return;
      if (!result.ok) setState({ status: 'error', message: result.message });
      else if (result.body.status === 'not_synced') {
        setState({ status: 'not_synced', data: result.body });
      } else setState({ status: 'ready', data: result.body, refreshing: false });
    });
    return () => {
      current = false;
    };
  }, [dealId, portalId, model, attempt]);

  const retry = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);
  return { state, model, selectModel: setModel, retry };
}
