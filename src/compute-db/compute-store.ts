// The compute store: one object over the shared database with a store per table group.
// Stores never begin transactions; callers wrap multi-statement changes in db.transaction().
import type { Db } from '../db/open-database.js';
import { createFlavorsStore } from './flavors-store.js';
import { createInstancesStore } from './instances-store.js';
import { createMigrationsStore } from './migrations-store.js';
import { createInstanceActionsStore } from './instance-actions-store.js';
import { createFaultsStore } from './faults-store.js';
import { createServicesStore } from './services-store.js';
import { createKeypairsStore } from './keypairs-store.js';
import { createQuotasStore } from './quotas-store.js';
import { createServerGroupsStore } from './server-groups-store.js';
import { createAggregatesStore } from './aggregates-store.js';
import { createInfoCachesStore } from './info-caches-store.js';
import { createBlockDeviceMappingsStore } from './block-device-mappings-store.js';
import { createWorkflowJournalStore } from './workflow-journal-store.js';
import { createVirtualInterfacesStore } from './virtual-interfaces-store.js';
import type { ChangeListener, ChangeRecord } from './records.js';

export type { ChangeListener, ChangeRecord } from './records.js';

export function createComputeStore(db: Db, now: () => string) {
  const listeners = new Set<ChangeListener>();
  const emit = (c: ChangeRecord) => { for (const l of listeners) l(c); };
  return {
    db,
    /** Observe every instance/migration write and fault (tests compare them with nova's traces). */
    observe(listener: ChangeListener): () => void {
      listeners.add(listener);
      return () => { listeners.delete(listener); };
    },
    flavors: createFlavorsStore(db, now),
    instances: createInstancesStore(db, now, emit),
    migrations: createMigrationsStore(db, now, emit),
    actions: createInstanceActionsStore(db, now),
    faults: createFaultsStore(db, now, emit),
    services: createServicesStore(db, now),
    keypairs: createKeypairsStore(db, now),
    quotas: createQuotasStore(db),
    serverGroups: createServerGroupsStore(db, now),
    aggregates: createAggregatesStore(db, now),
    infoCaches: createInfoCachesStore(db),
    bdms: createBlockDeviceMappingsStore(db),
    virtualInterfaces: createVirtualInterfacesStore(db),
    journal: createWorkflowJournalStore(db, now),
    /** Empty every compute table (reset). */
    clear(): void {
      db.exec(`DELETE FROM block_device_mappings; DELETE FROM instance_group_members; DELETE FROM instance_groups; DELETE FROM instance_action_events; DELETE FROM instance_actions; DELETE FROM instance_faults;
        DELETE FROM migrations; DELETE FROM instances; DELETE FROM flavor_extra_specs; DELETE FROM flavor_projects;
        DELETE FROM flavors; DELETE FROM compute_nodes; DELETE FROM services; DELETE FROM keypairs; DELETE FROM quotas;
        DELETE FROM quota_classes; DELETE FROM aggregate_metadata; DELETE FROM aggregate_hosts; DELETE FROM aggregates; DELETE FROM instance_info_caches; DELETE FROM virtual_interfaces;
        DELETE FROM workflow_journal;`);
    },
  };
}

export type ComputeStore = ReturnType<typeof createComputeStore>;
