// Response schemas bound a field to a microversion window; the contract fails an answer that
// has it outside: nova's 2.47 flavor dict before 2.47 (or the flavor link from 2.47), the
// OS-EXT-IPS keys in an update answer before 2.75, a 2.16 field at 2.15.
import { describe, expect, it } from 'vitest';
import { ResponseContract, answerVersion } from '../../../src/http/response-contract.js';
import { ServerShow, ServerUpdated } from '../../../src/compute/schemas/responses/servers.js';

const links = [{ rel: 'self', href: 'http://x/v2.1/servers/s' }, { rel: 'bookmark', href: 'http://x/servers/s' }];
const base = {
  id: 's', name: 'vm', status: 'ACTIVE', tenant_id: 'p', user_id: 'u', metadata: {}, hostId: '', image: '',
  created: '2026-01-01T00:00:00Z', updated: '2026-01-01T00:00:00Z', accessIPv4: '', accessIPv6: '', links, 'OS-DCF:diskConfig': 'MANUAL',
};
const flavorLink = { id: '1', links: [{ rel: 'bookmark', href: 'http://x/flavors/1' }] };
const flavorDict = { vcpus: 1, ram: 512, disk: 1, ephemeral: 0, swap: 0, original_name: 'm1.tiny', extra_specs: {} };
const ips = (extended: boolean) => ({ private: [{ version: 4, addr: '10.0.0.3', ...(extended ? { 'OS-EXT-IPS:type': 'fixed', 'OS-EXT-IPS-MAC:mac_addr': 'fa:16:3e:00:00:01' } : {}) }] });

const contract = new ResponseContract();
const check = (schema: object, server: object, version: string) =>
  contract.check({ 200: schema }, 200, 'application/json', JSON.stringify({ server }), answerVersion(`compute ${version}`));

describe('microversion windows in the response contract', () => {
  it('takes the flavor link before 2.47 and the flavor dict from 2.47, not the other way round', () => {
    expect(check(ServerShow, { ...base, flavor: flavorLink, addresses: {} }, '2.46')).toEqual([]);
    expect(check(ServerShow, { ...base, flavor: flavorDict, addresses: {} }, '2.47')).toEqual([]);
    expect(check(ServerShow, { ...base, flavor: flavorDict, addresses: {} }, '2.46').join(' ')).toMatch(/\/server\/flavor is there from 2\.47 only; the answer is 2\.46/);
    expect(check(ServerShow, { ...base, flavor: flavorLink, addresses: {} }, '2.47').join(' ')).toMatch(/\/server\/flavor is there up to 2\.46 only; the answer is 2\.47/);
  });

  it('takes OS-EXT-IPS keys in show at any version, in the update answer only from 2.75', () => {
    expect(check(ServerShow, { ...base, flavor: flavorLink, addresses: ips(true) }, '2.1')).toEqual([]);
    expect(check(ServerUpdated, { ...base, flavor: flavorDict, addresses: ips(false) }, '2.74')).toEqual([]);
    expect(check(ServerUpdated, { ...base, flavor: flavorDict, addresses: ips(true) }, '2.75')).toEqual([]);
    expect(check(ServerUpdated, { ...base, flavor: flavorDict, addresses: ips(true) }, '2.74').join(' ')).toMatch(/OS-EXT-IPS:type' is there from 2\.75|\/server\/addresses\/private\/0\/OS-EXT-IPS:type is there from 2\.75 only/);
  });

  it('fails a field before its version, and the update answer\'s extended attributes before 2.75', () => {
    expect(check(ServerShow, { ...base, flavor: flavorLink, addresses: {}, locked: false }, '2.8').join(' ')).toMatch(/\/server\/locked is there from 2\.9 only/);
    expect(check(ServerShow, { ...base, flavor: flavorLink, addresses: {}, locked: false }, '2.9')).toEqual([]);
    expect(check(ServerShow, { ...base, flavor: flavorDict, addresses: {}, 'OS-EXT-STS:vm_state': 'active' }, '2.74')).toEqual([]);
    expect(check(ServerUpdated, { ...base, flavor: flavorDict, addresses: {}, 'OS-EXT-STS:vm_state': 'active' }, '2.74').join(' ')).toMatch(/OS-EXT-STS:vm_state is there from 2\.75 only/);
  });

  it('leaves the bounds alone when the answer names no version (the legacy v2 API)', () => {
    expect(contract.check({ 200: ServerShow }, 200, 'application/json', JSON.stringify({ server: { ...base, flavor: flavorDict, addresses: {}, locked: true } }), null)).toEqual([]);
  });
});
