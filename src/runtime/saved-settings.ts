// What the last POST /_mock/reset chose (policy profile, nova options), kept in mock_settings so
// that a cloud reopened from its file behaves as it did before the restart.
import type { Db } from '../db/open-database.js';
import type { PolicyProfile } from '../config.js';

export interface SavedReset {
  profile: PolicyProfile;
  config: Record<string, unknown>;
  /** The reset's hosts (the control plane's host shape), absent for the default seed. */
  hosts?: readonly Record<string, unknown>[];
}

export function createSavedSettings(db: Db) {
  const get = db.prepare("SELECT value FROM mock_settings WHERE key = 'reset'").pluck();
  const put = db.prepare("INSERT INTO mock_settings (key, value) VALUES ('reset', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  const mark = db.prepare("INSERT INTO mock_settings (key, value) VALUES ('seeding', 'true') ON CONFLICT (key) DO NOTHING");
  const unmark = db.prepare("DELETE FROM mock_settings WHERE key = 'seeding'");
  const marked = db.prepare("SELECT EXISTS (SELECT 1 FROM mock_settings WHERE key = 'seeding')").pluck();
  return {
    /** A seed or reset is under way; a crash before seedingDone() leaves the mark for the next start. */
    seedingStarted: (): void => { mark.run(); },
    seedingDone: (): void => { unmark.run(); },
    seedingInterrupted: (): boolean => marked.get() === 1,
    load: (): SavedReset | null => {
      const raw = get.get() as string | undefined;
      return raw === undefined ? null : JSON.parse(raw) as SavedReset;
    },
    save: (r: SavedReset): void => { put.run(JSON.stringify(r)); },
  };
}

export type SavedSettings = ReturnType<typeof createSavedSettings>;
