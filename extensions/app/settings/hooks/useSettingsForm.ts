import { useCallback, useEffect, useMemo, useState } from 'react';
import { fieldErrors, settingsSchema } from '@deal-attribution/domain';
import type { ChannelInfo, Settings, SettingsBody } from '@deal-attribution/domain';
import { getSettings, saveSettings } from '../api/backend.js';

export type LoadState =
  | { readonly status: 'loading' }
  | { readonly status: 'error'; readonly message: string }
  | { readonly status: 'ready' };

export interface SettingsForm {
  readonly load: LoadState;
  /** Null until the saved settings arrived. */
  readonly draft: Settings | null;
  readonly channels: readonly ChannelInfo[];
  readonly dirty: boolean;
  readonly saving: boolean;
  /** The last save's outcome for the page (success or the server's sentence). */
  readonly notice: { readonly ok: boolean; readonly message: string } | null;
  /** The message to show next to a field (path inside the settings), client or server. */
  readonly errorFor: (field: string) => string | undefined;
  /** Every current problem, so the save button can say why it is disabled. */
  readonly errorCount: number;
  readonly set: <K extends keyof Settings>(key: K, value: Settings[K]) => void;
  readonly save: () => void;
  readonly discard: () => void;
  readonly reload: () => void;
}

/** Errors the schema finds in the draft, by field path: validation as the admin types. */
export function validate(draft: unknown): Readonly<Record<string, string>> {
  const result = settingsSchema.safeParse(draft);
  if (result.success) return {};
  const byField: Record<string, string> = {};
  for (const e of fieldErrors(result.error)) byField[e.field] ??= e.message;
  return byField;
}

export function useSettingsForm(portalId: number): SettingsForm {
  const [load, setLoad] = useState<LoadState>({ status: 'loading' });
  const [saved, setSaved] = useState<SettingsBody | null>(null);
  const [draft, setDraft] = useState<Settings | null>(null);
  const [serverErrors, setServerErrors] = useState<Readonly<Record<string, string>>>({});
  const [saving, setSaving] = useState(false);
  const [notice, setNotice] = useState<SettingsForm['notice']>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    setLoad({ status: 'loading' });
    void getSettings(portalId).then((result) => {
      if (!current) return;
      if (!result.ok) {
        setLoad({ status: 'error', message: result.message });
        return;
      }
      setSaved(result.body);
      setDraft(result.body.settings);
      setServerErrors({});
      setLoad({ status: 'ready' });
    });
    return () => {
      current = false;
    };
  }, [portalId, attempt]);

  const clientErrors = useMemo(() => (draft === null ? {} : validate(draft)), [draft]);

  const set = useCallback(<K extends keyof Settings>(key: K, value: Settings[K]) => {
    setDraft((d) => (d === null ? d : { ...d, [key]: value }));
    // A server complaint about a field is stale once the admin edits that field.
    setServerErrors((errors) =>
      Object.fromEntries(Object.entries(errors).filter(([f]) => f.split('.')[0] !== key)),
    );
    setNotice(null);
  }, []);

  const save = useCallback(() => {
    if (draft === null || saved === null) return;
    setSaving(true);
    void saveSettings(portalId, saved.version, draft).then((result) => {
      setSaving(false);
      if (result.ok) {
        setSaved(result.body);
        setDraft(result.body.settings);
        setServerErrors({});
        setNotice({
          ok: true,
          message: 'Saved. Attribution is being recomputed with these settings.',
        });
        return;
      }
      setServerErrors(result.fieldErrors);
      setNotice({
        ok: false,
        message: result.conflict
          ? `${result.message} Reload to see the latest settings, then apply your change again.`
          : result.message,
      });
    });
  }, [draft, saved, portalId]);

  const discard = useCallback(() => {
    if (saved !== null) setDraft(saved.settings);
    setServerErrors({});
    setNotice(null);
  }, [saved]);

  const reload = useCallback(() => {
    setNotice(null);
    setAttempt((n) => n + 1);
  }, []);

  const errorFor = useCallback(
    (field: string) => serverErrors[field] ?? clientErrors[field],
    [serverErrors, clientErrors],
  );

  return {
    load,
    draft,
    channels: saved?.channels ?? [],
    dirty:
      draft !== null && saved !== null && JSON.stringify(draft) !== JSON.stringify(saved.settings),
    saving,
    notice,
    errorFor,
    errorCount: Object.keys({ ...clientErrors, ...serverErrors }).length,
    set,
    save,
    discard,
    reload,
  };
}

/** The form once the saved settings arrived: what the sections render. */
export type ReadySettingsForm = Omit<SettingsForm, 'draft'> & { readonly draft: Settings };
