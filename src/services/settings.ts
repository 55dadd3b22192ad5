// A portal's attribution settings: defaults until an admin saves, then versioned rows in the store.
// Every save is validated by the domain's strict schema (the same one the settings page uses),
// so invalid input names each bad field and stores nothing. A save that raced another admin's
// save is a conflict, not a silent overwrite.

import {
  DEFAULT_SETTINGS,
  fieldErrors,
  settingsSchema,
  type FieldError,
  type Settings,
} from '../domain/index.js';
import type { Store } from '../store/index.js';

export interface VersionedSettings {
  /** 0 = never saved: the defaults. */
  readonly version: number;
  readonly settings: Settings;
  /** ms; null for the defaults. */
  readonly updatedAt: number | null;
}

export type SaveSettingsResult =
  | { readonly ok: true; readonly value: VersionedSettings }
  | {
      readonly ok: false;
      readonly error: 'invalid_settings';
      readonly message: string;
      readonly errors: readonly FieldError[];
    }
  | {
      readonly ok: false;
      readonly error: 'settings_conflict';
      readonly message: string;
      /** What is stored now, so the caller can show it. */
      readonly current: VersionedSettings;
    };

export interface SettingsService {
  get(portalId: number): Promise<VersionedSettings>;
  /**
   * Validates `raw` (a full settings object; omitted fields take their defaults) and stores it as
   * version expectedVersion + 1, then fires the change hook.
   */
  save(portalId: number, raw: unknown, expectedVersion: number): Promise<SaveSettingsResult>;
}

export interface SettingsDeps {
  readonly store: Store;
  /**
   * Called after a successful save (the jobs layer enqueues recompute + write-back). Not awaited
   * by `save`: the admin's request must not wait for a recompute. A rejection goes to `onError`.
   */
  readonly onChanged?: (portalId: number, version: number) => void | Promise<void>;
  readonly onError?: (err: unknown, portalId: number) => void;
}

export function createSettingsService(deps: SettingsDeps): SettingsService {
  const { store } = deps;

  const get = async (portalId: number): Promise<VersionedSettings> => {
    const stored = await store.currentSettings(portalId);
    if (stored === undefined) return { version: 0, settings: DEFAULT_SETTINGS, updatedAt: null };
    // Stored settings passed this schema when saved; fields added since then take defaults.
    const r = settingsSchema.safeParse(stored.settings);
    if (!r.success) {
      const detail = fieldErrors(r.error)
        .map((e) => `${e.field}: ${e.message}`)
        .join('; ');
      throw new Error(
        `stored settings v${stored.version} of portal ${portalId} invalid: ${detail}`,
      );
    }
    return { version: stored.version, settings: r.data, updatedAt: stored.createdAt };
  };

  return {
    get,
    async save(portalId, raw, expectedVersion) {
      const r = settingsSchema.safeParse(raw);
      if (!r.success) {
        const errors = fieldErrors(r.error);
        return {
          ok: false,
          error: 'invalid_settings',
          message: `Settings not saved: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
          errors,
        };
      }
      const saved = await store.saveSettings(portalId, r.data, expectedVersion);
      if (!saved.ok) {
        const current = await get(portalId);
        return {
          ok: false,
          error: 'settings_conflict',
          message: `Settings were changed by someone else (now version ${current.version}, you edited version ${expectedVersion}); reload and apply your change again.`,
          current,
        };
      }
      const value = {
        version: saved.value.version,
        settings: r.data,
        updatedAt: saved.value.createdAt,
      };
      if (deps.onChanged !== undefined) {
        const hook = deps.onChanged;
        void Promise.resolve()
          .then(() => hook(portalId, value.version))
          .catch((e: unknown) => deps.onError?.(e, portalId));
      }
      return { ok: true, value };
    },
  };
}
