// What the last POST /_mock/reset chose (policy profile, nova options), kept in mock_settings so
// that a cloud reopened from its file behaves as it did before the restart.
import type { Db } from '../db/open-database.js';
import type { PolicyProfile } from '../config.js';

export interface SavedReset {
  profile: PolicyProfile;
  config: Record<string, unknown>;
}

export function createSavedSettings(db: Db) {
  const get = db.prepare("SELECT value FROM mock_settings WHERE key = 'reset'").pluck();
  const put = db.prepare("INSERT INTO mock_settings (key, value) VALUES ('reset', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value");
  return {
    load: (): SavedReset | null => {
      const raw = get.get() as string | undefined;
      return raw === undefined ? null : JSON.parse(raw) as SavedReset;
    },
    save: (r: SavedReset): void => { put.run(JSON.stringify(r)); },
  };
}
