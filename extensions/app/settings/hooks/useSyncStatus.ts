import { useCallback, useEffect, useState } from 'react';
import type { StatusBody } from '@deal-attribution/domain';
import { getStatus, recompute } from '../api/backend.js';

export type StatusState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready'; readonly data: StatusBody };

export interface SyncStatusView {
  readonly state: StatusState;
  readonly recomputing: boolean;
  /** The answer to the last "Recompute now". */
  readonly notice: { readonly ok: boolean; readonly message: string } | null;
  readonly refresh: () => void;
  readonly recomputeNow: () => void;
}

export function useSyncStatus(portalId: number): SyncStatusView {
  const [state, setState] = useState<StatusState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [recomputing, setRecomputing] = useState(false);
  const [notice, setNotice] = useState<SyncStatusView['notice']>(null);

  useEffect(() => {
    let current = true;
    void getStatus(portalId).then((result) => {
      if (!current) return;
      setState(
        result.ok
          ? { status: 'ready', data: result.body }
          : { status: 'error', message: result.message },
      );
    });
    return () => {
      current = false;
    };
  }, [portalId, attempt]);

  const refresh = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);

  const recomputeNow = useCallback(() => {
    setRecomputing(true);
    void recompute(portalId).then((result) => {
      setRecomputing(false);
      setNotice(
        result.ok
          ? { ok: true, message: result.body.message }
          : { ok: false, message: result.message },
      );
      setAttempt((n) => n + 1);
    });
  }, [portalId]);

  return { state, recomputing, notice, refresh, recomputeNow };
}
