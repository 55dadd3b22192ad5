import { useCallback, useEffect, useState } from 'react';
import { channelRulesSchema } from '@deal-attribution/domain';
import type { ChannelPreviewBody, ChannelRules } from '@deal-attribution/domain';
import { previewChannelRules } from '../api/backend.js';

/** Quiet time after the last edit before the backend classifies again: one call per pause. */
export const PREVIEW_DEBOUNCE_MS = 400;

export interface ChannelPreviewView {
  /** The last answer; kept while a newer one is on its way or the draft is invalid. */
  readonly data: ChannelPreviewBody | null;
  readonly loading: boolean;
  readonly error: string | null;
  /** The draft rules have errors: `data` shows the last valid rules. */
  readonly stale: boolean;
  readonly retry: () => void;
}

/** The portal's recent touches classified under the rules being edited, as the admin types. */
export function useChannelPreview(portalId: number, rules: ChannelRules): ChannelPreviewView {
  const [data, setData] = useState<ChannelPreviewBody | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  // The draft keeps the identity of `rules` until the admin edits them.
  const valid = channelRulesSchema.safeParse(rules).success;

  useEffect(() => {
    if (!valid) return;
    let current = true;
    setLoading(true);
    const timer = setTimeout(() => {
      void previewChannelRules(portalId, rules).then((result) => {
        if (!current) return;
        setLoading(false);
        if (result.ok) {
          setData(result.body);
          setError(null);
        } else {
          setError(result.message);
        }
      });
    }, PREVIEW_DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [portalId, rules, valid, attempt]);

  const retry = useCallback(() => {
    setAttempt((n) => n + 1);
  }, []);

  return { data, loading: valid && loading, error, stale: !valid, retry };
}
