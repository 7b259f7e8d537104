// Hypervisor views (nova/api/openstack/compute/hypervisors.py _view_hypervisor): ids become
// uuids at 2.53, statistics-style fields go at 2.88 (replaced by uptime), cpu_info is a JSON
// string before 2.28 and an object from it.
import type { Microversion } from '../../http/microversion.js';
import { instanceName } from './servers.js';
import type { ComputeNodeRecord, ComputeNodeUsage, InstanceRecord, ServiceRecord } from '../../compute-db/records.js';

/** nova.virt.fake FakeDriver.get_available_resource values that the API shows. */
const FAKE_CPU_INFO = { arch: 'x86_64', model: 'Nehalem', vendor: 'Intel', features: ['pge', 'clflush'], topology: { cores: 1, threads: 1, sockets: 4 } };
/** Python's json.dumps of FAKE_CPU_INFO (", " and ": " separators). */
const FAKE_CPU_INFO_TEXT = '{"arch": "x86_64", "model": "Nehalem", "vendor": "Intel", "features": ["pge", "clflush"], "topology": {"cores": 1, "threads": 1, "sockets": 4}}';
const HOST_IP = '192.0.2.2';
/** CONF.reserved_host_memory_mb: the resource tracker counts it as used. */
const RESERVED_HOST_MEMORY_MB = 512;

export interface HypervisorInput {
  node: ComputeNodeRecord;
  service: ServiceRecord;
  usage: ComputeNodeUsage;
  /** with_servers / the legacy /servers route: the node's instances. */
  servers?: readonly InstanceRecord[];
  withServers?: boolean;
}

export function hypervisorView(h: HypervisorInput, v: Microversion, detail: boolean): Record<string, unknown> {
  const uuids = v.atLeast('2.53');
  const out: Record<string, unknown> = {
    id: uuids ? h.node.uuid : h.node.id,
    hypervisor_hostname: h.node.hypervisorHostname,
    state: h.service.forcedDown ? 'down' : 'up',
    status: h.service.disabled ? 'disabled' : 'enabled',
  };
  if (detail) {
    out.hypervisor_type = 'fake';
    out.hypervisor_version = 1000;
    out.host_ip = HOST_IP;
    out.service = { id: uuids ? h.service.uuid : h.service.id, host: h.node.host, disabled_reason: h.service.disabledReason };
    if (v.lessThan('2.88')) Object.assign(out, statistics([h]), { cpu_info: v.lessThan('2.28') ? FAKE_CPU_INFO_TEXT : FAKE_CPU_INFO });
    else out.uptime = null;
  }
  if (h.servers && h.servers.length > 0) out.servers = h.servers.map((i) => ({ name: instanceName(i), uuid: i.uuid }));
  else if (h.withServers && v.atLeast('2.75')) out.servers = [];
  return out;
}

/** The resource-tracker sums of os-hypervisors/statistics (and each detail view). */
export function statistics(list: readonly HypervisorInput[]) {
  const sum = (f: (h: HypervisorInput) => number) => list.reduce((n, h) => n + f(h), 0);
  const memUsed = sum((h) => h.usage.memoryMbUsed + RESERVED_HOST_MEMORY_MB);
  const diskUsed = sum((h) => h.usage.localGbUsed);
  return {
    vcpus: sum((h) => h.node.vcpus),
    memory_mb: sum((h) => h.node.memoryMb),
    local_gb: sum((h) => h.node.localGb),
    vcpus_used: sum((h) => h.usage.vcpusUsed),
    memory_mb_used: memUsed,
    local_gb_used: diskUsed,
    free_ram_mb: sum((h) => h.node.memoryMb) - memUsed,
    free_disk_gb: sum((h) => h.node.localGb) - diskUsed,
    current_workload: 0,
    running_vms: sum((h) => h.usage.runningVms),
    disk_available_least: 0,
  };
}
