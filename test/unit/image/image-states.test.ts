// Glance's image status machine (domain/__init__.py valid_state_targets) and the list query parser.
import { describe, expect, it } from 'vitest';
import { canTransition, VALID_STATE_TARGETS } from '../../../src/image/image-states.js';
import { parseListQuery } from '../../../src/image/image-list.js';

describe('image status machine', () => {
  it('follows glance: queued -> saving -> active, saving back to queued, deleted is final', () => {
    expect(canTransition('queued', 'saving')).toBe(true);
    expect(canTransition('saving', 'active')).toBe(true);
    expect(canTransition('saving', 'queued')).toBe(true);
    expect(canTransition('active', 'saving')).toBe(false);
    expect(canTransition('active', 'deactivated')).toBe(true);
    expect(canTransition('deactivated', 'active')).toBe(true);
    expect(canTransition('uploading', 'importing')).toBe(true);
    expect(canTransition('importing', 'active')).toBe(true);
    expect(canTransition('killed', 'active')).toBe(false);
    expect(VALID_STATE_TARGETS.deleted).toEqual([]);
    // every status can be deleted except deleted itself
    for (const [from, targets] of Object.entries(VALID_STATE_TARGETS)) if (from !== 'deleted') expect(targets).toContain('deleted');
  });
});

describe('list query', () => {
  it('defaults to created_at desc, limit 25, accepted members, and caps the limit at 1000', () => {
    expect(parseListQuery([])).toMatchObject({ limit: 25, memberStatus: 'accepted', sortKeys: [], filters: [] });
    expect(parseListQuery([['limit', '5000']]).limit).toBe(1000);
  });
  it('reads the new and the classic sort syntax, repeated tags, and leaves the rest as filters', () => {
    expect(parseListQuery([['sort', 'name:asc,size']])).toMatchObject({ sortKeys: ['name', 'size'], sortDirs: ['asc', 'desc'] });
    expect(parseListQuery([['sort_key', 'name'], ['sort_key', 'id'], ['sort_dir', 'asc']])).toMatchObject({ sortKeys: ['name', 'id'], sortDirs: ['asc'] });
    expect(parseListQuery([['tag', 'a'], ['tag', 'b'], ['os_distro', 'x']])).toMatchObject({ tags: ['a', 'b'], filters: [['os_distro', 'x']] });
  });
});
