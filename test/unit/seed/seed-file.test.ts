// SEED_FILE: YAML or JSON, validated with errors that name the bad field, one section per service.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseSeedFile, SeedFileError } from '../../../src/seed/seed-file.js';

const parse = (text: string) => parseSeedFile(text, 'seed', 'pw');

describe('seed file', () => {
  it('reads the example with every section', () => {
    const plan = parse(readFileSync(new URL('../../../examples/seed.yaml', import.meta.url), 'utf8'));
    expect(plan.hosts?.map((h) => h.name)).toEqual(['compute-a', 'compute-b']);
    expect(plan.flavors?.[1]).toMatchObject({ flavorid: '2', name: 'large', memoryMb: 8192, rootGb: 80, extraSpecs: { 'trait:CUSTOM_GPU': 'required' } });
    expect(plan.identity?.users.find((u) => u.name === 'admin')?.password).toBe('pw');
    expect(plan.identity?.projects.find((p) => p.name === 'team-a-dev')?.parent).toBe('team-a');
    expect(plan.images?.map((i) => i.row.id)).toEqual(['6a3f2c44-7ef1-4b3a-9a55-3d1c8f2f0a11', plan.images?.[1]?.row.id]);
    expect(plan.images?.[1]?.row).toMatchObject({ name: 'ubuntu-22.04', status: 'active', visibility: 'public', disk_format: 'qcow2', container_format: 'bare', min_ram: 512 });
    expect(plan.networking?.networks.map((n) => n.name)).toEqual(['public', 'lab']);
    expect(plan.networking?.networks[1]?.subnets?.[0]).toEqual({ name: 'lab-subnet', cidr: '10.10.0.0/24', ip_version: 4 });
    expect(plan.networking?.routers).toEqual([{ name: 'lab-router', gateway: 'public', interfaces: ['lab-subnet'] }]);
  });

  it('gives an image without id the same uuid every time', () => {
    const id = (text: string) => parse(text).images?.[0]?.row.id;
    expect(id('images: [{name: a}]')).toBe(id('images: [{name: a, tags: [x]}]'));
    expect(id('images: [{name: a}]')).not.toBe(id('images: [{name: b}]'));
    expect(id('images: [{name: a}]')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('reads JSON too, and an empty file is the default seed', () => {
    expect(parse('{"hosts": [{"name": "h"}]}').hosts).toEqual([{ name: 'h' }]);
    expect(parse('')).toEqual({});
  });

  it('names the bad field', () => {
    const bad = (text: string) => { try { parse(text); } catch (e) { expect(e).toBeInstanceOf(SeedFileError); return (e as Error).message; } return 'no error'; };
    expect(bad('flavors: [{name: x, vcpus: 1, ram: lots, disk: 1}]')).toBe('seed: flavors[0].ram: must be integer');
    expect(bad('hosts: [{name: h, cpus: 2}]')).toBe('seed: hosts[0].cpus: unknown field');
    expect(bad('volumes: []')).toBe('seed: volumes: unknown field');
    expect(bad('images: [{name: x, disk_format: floppy}]')).toBe('seed: images[0].disk_format: must be equal to one of the allowed values');
    expect(bad('networks: [{name: n, subnets: [{name: s}]}]')).toBe("seed: networks[0].subnets[0]: must have required property 'cidr'");
    expect(bad('networks: [{name: n}]\nrouters: [{name: r, gateway: nowhere}]')).toBe("seed: routers[0].gateway: no network named 'nowhere' in networks");
    expect(bad('routers: [{name: r}]')).toBe('seed: routers: routers need the networks section they connect');
    expect(bad('users: [{name: u, project: nowhere}]')).toBe("seed: users[0].project: no project named 'nowhere' in projects");
    expect(bad('projects: [{name: p}]\nusers: [{name: u, roles: [{role: boss, project: p}]}]')).toBe("seed: users[0].roles[0].role: no role named 'boss' (admin, member, reader or one listed in roles)");
    expect(bad('projects: [{name: p}]\nusers: [{name: u, roles: [{role: member, project: p, system: true}]}]')).toBe('seed: users[0].roles[0]: name exactly one of project, domain or system: true');
    expect(bad('hosts: [{name: a}, {name: a}]')).toBe("seed: hosts[1].name: 'a' appears twice");
    expect(bad('hosts: [')).toMatch(/^seed: not YAML or JSON/);
  });
});
