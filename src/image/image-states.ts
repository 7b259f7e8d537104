// Glance's image status machine (glance/domain/__init__.py Image.valid_state_targets): every
// status change goes through assertTransition, and a refused one is glance's
// InvalidImageStatusTransition.
import type { ImageStatus } from './store/images-store.js';

export const VALID_STATE_TARGETS: Readonly<Record<ImageStatus, readonly ImageStatus[]>> = {
  queued: ['saving', 'uploading', 'importing', 'active', 'deleted'],
  // v2 lets a failed upload go back to queued so that it can be retried
  saving: ['active', 'killed', 'deleted', 'queued'],
  uploading: ['importing', 'queued', 'deleted'],
  importing: ['active', 'deleted', 'queued'],
  active: ['pending_delete', 'deleted', 'deactivated'],
  killed: ['deleted'],
  pending_delete: ['deleted', 'active'],
  deleted: [],
  deactivated: ['active', 'deleted'],
};

/** Statuses an image should only pass through (the audit reports images that stay). */
export const TRANSIENT_STATUSES: readonly ImageStatus[] = ['saving', 'uploading', 'importing', 'pending_delete'];
// (uploading with staged data is stable: the data waits for an import request)

export function canTransition(from: ImageStatus, to: ImageStatus): boolean {
  return from === to || VALID_STATE_TARGETS[from].includes(to);
}

export function transitionMessage(from: ImageStatus, to: ImageStatus): string {
  return `Image status transition from ${from} to ${to} is not allowed`;
}
