// Compute's version documents (views/versions.ts; nova's views/versions.py).
import { Type } from 'typebox';
import { Links } from './fault.js';

const VersionHead = {
  id: Type.String(),
  status: Type.String(),
  version: Type.String({ description: "the newest microversion ('' for v2.0)" }),
  min_version: Type.String(),
  updated: Type.String(),
};

const MediaTypes = Type.Array(Type.Object({ base: Type.String(), type: Type.String() }, { additionalProperties: false }));

/** GET / */
export const VersionsIndex = Type.Object({
  versions: Type.Array(Type.Object({ ...VersionHead, links: Links }, { additionalProperties: false })),
}, { additionalProperties: false });

/** GET /v2 and /v2.1 */
export const VersionDocument = Type.Object({
  version: Type.Object({ ...VersionHead, links: Links, 'media-types': MediaTypes }, { additionalProperties: false }),
}, { additionalProperties: false });
