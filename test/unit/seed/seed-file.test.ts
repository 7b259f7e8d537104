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
  });

  it('reads JSON too, and an empty file is the default seed', () => {
    expect(parse('{"hosts": [{"name": "h"}]}').hosts).toEqual([{ name: 'h' }]);
    expect(parse('')).toEqual({});
  });

  it('names the bad field', () => {
    const bad = (text: string) => { try { parse(text); } catch (e) { expect(e).toBeInstanceOf(SeedFileError); return (e as Error).message; } return 'no error'; };
    expect(bad('flavors: [{name: x, vcpus: 1, ram: lots, disk: 1}]')).toBe('seed: flavors[0].ram: must be integer');
    expect(bad('hosts: [{name: h, cpus: 2}]')).toBe('seed: hosts[0].cpus: unknown field');
    expect(bad('networks: []')).toBe('seed: networks: unknown field');
    expect(bad('users: [{name: u, project: nowhere}]')).toBe("seed: users[0].project: no project named 'nowhere' in projects");
    expect(bad('projects: [{name: p}]\nusers: [{name: u, roles: [{role: boss, project: p}]}]')).toBe("seed: users[0].roles[0].role: no role named 'boss' (admin, member, reader or one listed in roles)");
    expect(bad('projects: [{name: p}]\nusers: [{name: u, roles: [{role: member, project: p, system: true}]}]')).toBe('seed: users[0].roles[0]: name exactly one of project, domain or system: true');
    expect(bad('hosts: [{name: a}, {name: a}]')).toBe("seed: hosts[1].name: 'a' appears twice");
    expect(bad('hosts: [')).toMatch(/^seed: not YAML or JSON/);
  });
});
