// THE table of accepted differences between novamock and the real Nova served by nova-live.
// An entry is accepted only where novamock follows the spec (Nova's code and API reference
// for a deployment) and the real side shows an artefact of Nova's functional-test
// environment, which is not a deployment. Every other difference fails `npm run parity`.
// /work/notes/parity.md carries the same list for the README compatibility table.
import type { Difference } from './lib/diff.js';

export interface KnownDifference {
  /** Flow name, or '*' for every flow. */
  flow: string;
  /** Matches the step label ("3. resize SERVER_1"); omitted = every step. */
  step?: RegExp;
  /** Matches the difference path (answer.body..., servers.SERVER_1.show.server.status, ...). */
  path: RegExp;
  reason: string;
}

// (The power_state of a paused / suspended server was the first candidate: nova's fake
// driver keeps reporting RUNNING = 1; it stopped firing when novamock chose to report what
// the fake driver reports.)
export const KNOWN_DIFFERENCES: KnownDifference[] = [
  {
    flow: 'snapshot_active',
    step: /\. createImage 2\.1$/,
    path: /^answer\.location$/,
    reason:
      "createImage's Location is glance.generate_image_url: the image service's endpoint + /images/<id>. The functional " +
      "environment's glance is configured at localhost:9292 (http://HOST/images/<id>); novamock's image service is mounted " +
      'at /image on the same port (http://HOST/image/images/<id>), the devstack layout.',
  },
  {
    flow: '*',
    step: /\. hypervisors\b/,
    path: /^answer\.body\.hypervisors\[\d+\]\.running_vms$/,
    reason:
      "the compute node's running_vms is refreshed only by the resource tracker's periodic update_available_resource " +
      '(and by instance claims at boot); the functional environment never runs that periodic, so after a move the real ' +
      'side keeps the counts of the last boot (source 1, destination 0). A deployment runs it every 60 s; novamock shows ' +
      'the settled count (the instance on its current host).',
  },
  {
    flow: '*',
    step: /\. availability zones detail$/,
    path: /^answer\.body\.availabilityZoneInfo\[\d+\]\.hosts\.[^.]+\.[^.]+\.updated_at$/,
    reason:
      "a service's updated_at is written by its servicegroup heartbeat (report_state every report_interval = 10 s); " +
      'the functional environment runs no heartbeat, so every service keeps updated_at null. A deployment shows the ' +
      "last report's time; novamock shows the service's last write (created or updated), a time as well.",
  },
  {
    flow: 'extras_subresources',
    step: /\. (detach|attach) an unknown volume$/,
    path: /^answer\.(status|body\.computeFault|body\.itemNotFound)$/,
    reason:
      'the functional environment has no Cinder endpoint in its service catalog: volume_api.get fails with ' +
      "cinderclient's Unauthorized (an unexpected 500). A deployment's Cinder answers 404 for an unknown volume, " +
      'which volumes.py turns into "Volume <id> could not be found." (404): what novamock answers, from its own ' +
      'block storage (src/block-storage) through the cinder client, as a deployment would. nova-live runs ' +
      'ProviderUsageBaseTestCase, which sets up no CinderFixture, so no volume flow can be compared there.',
  },
  {
    flow: 'extras_subresources',
    step: /\. action (add|remove)SecurityGroup (default|of an unknown group)$/,
    path: /^answer\.(status|body\.computeFault|body\.itemNotFound)$/,
    reason:
      "the functional environment's Neutron fixture cannot look a security group up by name (an AttributeError, 500). " +
      "In a deployment every project has its 'default' group: an unknown name is 404 \"Security group <name> is not found " +
      'for project <project>", and the default one, on a server without ports, 404 "instance_id <uuid> could not be found ' +
      'as device id on any ports" (network/security_group_api.py): what novamock answers.',
  },
  // Servers with ports (flows/networking.ts). The real side's Neutron is nova's NeutronFixture.
  ...['ports_create_addresses', 'ports_interface_attach_detach', 'ports_resize_delete'].map((flow): KnownDifference => ({
    flow,
    path: /\.addresses\.|\.private(\.length$|\[)|\.addresses$|mac_addr$|\.fixed_ips(\.length$|\[\d+\])/,
    reason:
      "NeutronFixture.create_port does no IPAM: every new port is a copy of its template port_2 (192.168.1.30 on " +
      "network_1, IPv4 only) with a random 00:xx:xx:xx:xx:xx MAC, whatever the network's subnets. A deployment's " +
      "Neutron allocates from the subnets: an IPv4 address from the pool and, on the seeded private network's SLAAC " +
      "subnet, an EUI-64 IPv6 address, with an fa:16:3e MAC; novamock's Neutron does that (devstack's private network " +
      "10.0.0.0/26 + fd00::/64). So the addresses, MACs and fixed IPs of the ports (and how many there are) differ by " +
      'nature; the structure around them (networks, types, interfaces, states, actions) is compared.',
  })),
  {
    flow: 'ports_create_addresses',
    step: /\. server security groups$/,
    path: /^answer\.(status|body\..*)$/,
    reason:
      "nova's ServerSecurityGroupController.index fails on the fixture: its list_security_groups answer is not what " +
      '_convert_to_nova_security_group_format reads (TypeError, an unexpected 500). A deployment\'s Neutron lists the ' +
      "groups of the server's ports: novamock answers them (the project's default group, once per port).",
  },
];

// Open divergences: novamock is WRONG here and must be fixed (listed in the README's
// compatibility table as open bugs). They are reported as OPEN on every run instead of failing
// it, so that CI still fails on any new difference (a ratchet, like the conformance floor).
// Remove an entry when it is fixed; never add one to make a new difference pass.
const OPEN = 'OPEN novamock divergence, to fix: ';
export const OPEN_DIVERGENCES: KnownDifference[] = [
];

export function knownReason(d: Difference): string | null {
  for (const k of [...KNOWN_DIFFERENCES, ...OPEN_DIVERGENCES]) {
    if (k.flow !== '*' && k.flow !== d.flow) continue;
    if (k.step && !k.step.test(d.step)) continue;
    if (!k.path.test(d.path)) continue;
    return k.reason;
  }
  return null;
}
