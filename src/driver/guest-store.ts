// The fake hypervisor's guests on disk (fake_guests): a restarted compute finds the guests its
// hypervisor still runs, as a real one does after nova-compute restarts.
import type { Db } from '../db/open-database.js';
import type { GuestStore } from './fake-driver.js';

export function createGuestStore(db: Db): GuestStore {
  const all = db.prepare('SELECT host, server, power_state AS powerState FROM fake_guests');
  const upsert = db.prepare(`INSERT INTO fake_guests (host, server, power_state) VALUES (?, ?, ?)
    ON CONFLICT (host, server) DO UPDATE SET power_state = excluded.power_state`);
  const empty = db.prepare('DELETE FROM fake_guests');
  return {
    load: () => all.all() as { host: string; server: string; powerState: number }[],
    set(host, server, powerState) { upsert.run(host, server, powerState); },
    clear() { empty.run(); },
  };
}
