// The images novamock serves: Nova's functional-test glance fixture (nova/tests/fixtures/glance.py),
// so tests written against the real Nova's functional environment find the same ids.
export interface ImageRecord {
  readonly id: string;
  readonly name: string;
  readonly status: 'active';
  readonly visibility: 'public' | 'private' | 'shared' | 'community';
  readonly containerFormat: string;
  readonly diskFormat: string;
  readonly size: number;
  readonly minRam: number;
  readonly minDisk: number;
  readonly protected: boolean;
  readonly tags: readonly string[];
  readonly properties: Readonly<Record<string, string | null>>;
}

/** The glance fixture's timestamp: 2011-01-01 01:02:03. */
export const IMAGE_TIMESTAMP = '2011-01-01T01:02:03Z';

const nokernel = { kernel_id: 'nokernel', ramdisk_id: 'nokernel' };
const image = (id: string, name: string, containerFormat: string, diskFormat: string, size: number,
  tags: string[], properties: Record<string, string | null>): ImageRecord => ({
  id, name, status: 'active', visibility: 'public', containerFormat, diskFormat, size,
  minRam: 0, minDisk: 0, protected: false, tags, properties,
});

export const IMAGES: readonly ImageRecord[] = [
  image('155d900f-4e14-4e4c-a73d-069cbf4541e6', 'fakeimage123456', 'raw', 'raw', 25165824, ['tag1', 'tag2'], { ...nokernel, architecture: 'x86_64' }),
  image('a2459075-d96c-40d5-893e-577ff92e721c', 'fakeimage123456', 'ami', 'ami', 58145823, [], nokernel),
  image('76fa36fc-c930-4bf3-8c8a-ea2a2420deb6', 'fakeimage123456', 'bare', 'raw', 83594576, ['tag3', 'tag4'], { ...nokernel, architecture: 'x86_64' }),
  image('cedef40a-ed67-4d10-800e-17455edce175', 'fakeimage123456', 'ami', 'ami', 84035174, [], nokernel),
  image('c905cedb-7281-47e4-8a62-f26bc5fc4c77', 'fakeimage123456', 'ami', 'ami', 26360814, [], { kernel_id: '155d900f-4e14-4e4c-a73d-069cbf4541e6', ramdisk_id: null }),
  image('a440c04b-79fa-479c-bed1-0b816eaec379', 'fakeimage6', 'ova', 'vhd', 49163826, [], { ...nokernel, architecture: 'x86_64', auto_disk_config: 'False' }),
  image('70a599e0-31e7-49b7-b260-868f441e862b', 'fakeimage7', 'ova', 'vhd', 74185822, [], { ...nokernel, architecture: 'x86_64', auto_disk_config: 'True' }),
];

const byId = new Map(IMAGES.map((i) => [i.id, i]));

/** The image with this id, or undefined. Compute uses this to check imageRef. */
export function findImage(id: string): ImageRecord | undefined {
  return byId.get(id);
}
