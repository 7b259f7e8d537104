// Servers with ports: create on a network or with a port, the addresses they get, interface
// attach/detach, resize and delete with ports. On the real side the ports come from nova's
// NeutronFixture (a stub of neutronclient), on novamock from its Neutron: the network is looked
// up by name on each side through nova's own os-networks proxy (2.35) and named NET_PRIVATE,
// so the same flow runs unchanged. Where the fixture is not a deployment (it hands every new
// port the template port's address and a random 00:... MAC), known-differences.ts says so.
import { action, call, IMAGE, remove, type Flow, type Step, type StepContext } from '../lib/flow.js';

/** Per run (one Normalizer per side and flow): the network ids a step looked up. */
const networksOf = new WeakMap<StepContext['norm'], Map<string, string>>();

function networkId(ctx: StepContext, sym: string): string {
  const id = networksOf.get(ctx.norm)?.get(sym);
  if (!id) throw new Error(`no network ${sym} (did "find network" run?)`);
  return id;
}

/** GET /os-networks (2.35) and name the network labelled `label`; not compared (each side has its own list). */
function findNetwork(label: string, sym: string): Step {
  return {
    name: `find network ${label}`,
    observe: false,
    async run(ctx) {
      const res = await ctx.t.compute('GET', '/os-networks', { version: '2.35' });
      const net = (res.body as { networks?: { id: string; label: string }[] })?.networks?.find((n) => n.label === label);
      if (!net) throw new Error(`${ctx.t.side}: no network labelled ${label} (${res.status})`);
      const known = networksOf.get(ctx.norm) ?? new Map<string, string>();
      known.set(sym, net.id);
      networksOf.set(ctx.norm, known);
      ctx.norm.name(net.id, sym);
      return null;
    },
  };
}

/** boot() with `networks` naming a looked-up network. */
function bootOn(sym: string, net: string, opts: { flavor?: string; fixedIp?: string; expect?: Step['expect'] } = {}): Step {
  return {
    name: `boot ${sym} on ${net}`,
    expect: opts.expect,
    compareSeen: 'status',
    async run(ctx) {
      const networks = [{ uuid: networkId(ctx, net), ...(opts.fixedIp ? { fixed_ip: opts.fixedIp } : {}) }];
      const res = await ctx.t.compute('POST', '/servers', {
        body: { server: { name: sym.toLowerCase(), imageRef: IMAGE, flavorRef: opts.flavor ?? '1', networks } },
      });
      const id = (res.body as { server?: { id?: string } })?.server?.id;
      if (res.status === 202 && id) {
        ctx.tracked.set(sym, id);
        ctx.norm.name(id, sym);
      }
      return res;
    },
  };
}

/** POST os-interface with the looked-up network; the new port is named `port`. */
function attachOn(sym: string, net: string, port: string, expect?: Step['expect']): Step {
  return {
    name: `attach an interface on ${net} to ${sym}`,
    expect,
    async run(ctx) {
      const res = await ctx.t.compute('POST', `/servers/${ctx.uuid(sym)}/os-interface`, { body: { interfaceAttachment: { net_id: networkId(ctx, net) } } });
      const id = (res.body as { interfaceAttachment?: { port_id?: string } })?.interfaceAttachment?.port_id;
      if (id) {
        networksOf.get(ctx.norm)!.set(port, id);
        ctx.norm.name(id, port);
      }
      return res;
    },
  };
}

/** DELETE os-interface/{port} of a port attachOn named. */
function detach(sym: string, port: string): Step {
  return {
    name: `detach ${port} from ${sym}`,
    expect: { answer: 202 },
    run: (ctx) => ctx.t.compute('DELETE', `/servers/${ctx.uuid(sym)}/os-interface/${networkId(ctx, port)}`),
  };
}

const UNKNOWN = '9a6b8e1c-0000-4000-8000-00000000beef';

export const networkingFlows: Flow[] = [
  {
    name: 'ports_create_addresses',
    description: 'a server created on a network: its port, addresses, ips and ips/{network}, os-interface list and show; a fixed IP outside the network refused',
    hosts: [{ name: 'host1' }],
    steps: [
      findNetwork('private', 'NET_PRIVATE'),
      bootOn('SERVER_1', 'NET_PRIVATE', { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      call('ips', 'GET', '/servers/{SERVER_1}/ips', { expect: { answer: 200 } }),
      call('ips of private', 'GET', '/servers/{SERVER_1}/ips/private', { expect: { answer: 200 } }),
      call('ips of an unknown network', 'GET', '/servers/{SERVER_1}/ips/nowhere', { expect: { answer: 404 } }),
      call('interfaces', 'GET', '/servers/{SERVER_1}/os-interface', { expect: { answer: 200 } }),
      call('interfaces 2.70', 'GET', '/servers/{SERVER_1}/os-interface', { version: '2.70', expect: { answer: 200 } }),
      // the fixture cannot answer this one (500, see known-differences.ts): no expected status
      call('server security groups', 'GET', '/servers/{SERVER_1}/os-security-groups'),
      call('servers detail', 'GET', '/servers/detail', { expect: { answer: 200 } }),
      call('create on an unknown network', 'POST', '/servers', {
        body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: [{ uuid: UNKNOWN }] } }, expect: { answer: 400 },
      }),
      call('create with a bad network id', 'POST', '/servers', {
        version: '2.36', body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: [{ uuid: 'foo' }] } }, expect: { answer: 400 },
      }),
      call('create with an unknown port', 'POST', '/servers', {
        body: { server: { name: 'x', imageRef: IMAGE, flavorRef: '1', networks: [{ port: UNKNOWN }] } }, expect: { answer: 400 },
      }),
    ],
  },
  {
    name: 'ports_interface_attach_detach',
    description: 'attach a second port on the network through os-interface, list it, detach it; the instance actions and events',
    hosts: [{ name: 'host1' }],
    steps: [
      findNetwork('private', 'NET_PRIVATE'),
      bootOn('SERVER_1', 'NET_PRIVATE', { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      attachOn('SERVER_1', 'NET_PRIVATE', 'PORT_ATTACHED', { answer: 200 }),
      call('interfaces after attach', 'GET', '/servers/{SERVER_1}/os-interface', { expect: { answer: 200 } }),
      detach('SERVER_1', 'PORT_ATTACHED'),
      call('interfaces after detach', 'GET', '/servers/{SERVER_1}/os-interface', { observe: true, expect: { answer: 200 } }),
      call('instance actions', 'GET', '/servers/{SERVER_1}/os-instance-actions', { version: '2.84', expect: { answer: 200 } }),
    ],
  },
  {
    name: 'ports_resize_delete',
    description: 'resize (to VERIFY_RESIZE on the other host) and confirm a server with a port, then revert another; delete with ports',
    // host1 has more free RAM: the RAM weigher picks it for the boot on both sides (equal weights
    // are a Python set's order on the real side)
    hosts: [{ name: 'host1', memory_mb: 16384 }, { name: 'host2' }],
    steps: [
      findNetwork('private', 'NET_PRIVATE'),
      bootOn('SERVER_1', 'NET_PRIVATE', { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { resize: { flavorRef: '2' } }, { expect: { answer: 202, status: { SERVER_1: 'VERIFY_RESIZE' } } }),
      call('ips while VERIFY_RESIZE', 'GET', '/servers/{SERVER_1}/ips', { expect: { answer: 200 } }),
      action('SERVER_1', { confirmResize: null }, { expect: { answer: 204, status: { SERVER_1: 'ACTIVE' } } }),
      action('SERVER_1', { resize: { flavorRef: '3' } }, { name: 'resize SERVER_1 again', expect: { answer: 202, status: { SERVER_1: 'VERIFY_RESIZE' } } }),
      action('SERVER_1', { revertResize: null }, { expect: { answer: 202, status: { SERVER_1: 'ACTIVE' } } }),
      call('interfaces after revert', 'GET', '/servers/{SERVER_1}/os-interface', { expect: { answer: 200 } }),
      remove('SERVER_1', { expect: { answer: 204 } }),
    ],
  },
];
