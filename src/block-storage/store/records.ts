// Cinder's objects as plain records (cinder/objects/volume.py, volume_attachment.py, snapshot.py,
// volume_type.py): what the stores return and the views render.
export interface VolumeTypeRecord {
  readonly id: string;
  readonly name: string;
  readonly description: string | null;
  readonly isPublic: boolean;
  readonly extraSpecs: Readonly<Record<string, string>>;
  readonly createdAt: string;
}

export interface VolumeRecord {
  readonly id: string;
  readonly projectId: string;
  readonly userId: string;
  readonly name: string | null;
  readonly description: string | null;
  readonly size: number;
  readonly status: string;
  readonly attachStatus: string;
  readonly bootable: boolean;
  readonly volumeTypeId: string;
  readonly availabilityZone: string;
  readonly snapshotId: string | null;
  readonly sourceVolid: string | null;
  readonly imageId: string | null;
  readonly host: string | null;
  readonly serviceUuid: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly imageMetadata: Readonly<Record<string, string>> | null;
  /** volume_admin_metadata: readonly, attached_mode */
  readonly adminMetadata: Readonly<Record<string, string>>;
  readonly multiattach: boolean;
  readonly migrationStatus: string | null;
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

export interface AttachmentRecord {
  readonly id: string;
  readonly volumeId: string;
  readonly instanceUuid: string | null;
  readonly attachStatus: string;
  readonly attachedHost: string | null;
  readonly mountpoint: string | null;
  readonly attachMode: string;
  readonly connector: Readonly<Record<string, unknown>> | null;
  readonly connectionInfo: Readonly<Record<string, unknown>> | null;
  readonly attachTime: string | null;
  readonly detachTime: string | null;
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

export interface SnapshotRecord {
  readonly id: string;
  readonly projectId: string;
  readonly userId: string;
  readonly volumeId: string;
  readonly name: string | null;
  readonly description: string | null;
  readonly size: number;
  readonly status: string;
  readonly progress: string;
  readonly volumeTypeId: string | null;
  readonly metadata: Readonly<Record<string, string>>;
  readonly createdAt: string;
  readonly updatedAt: string | null;
}

export interface TransferRecord {
  readonly id: string;
  readonly volumeId: string;
  readonly name: string | null;
  readonly salt: string;
  readonly cryptHash: string;
  readonly noSnapshots: boolean;
  readonly sourceProjectId: string;
  readonly destinationProjectId: string | null;
  readonly accepted: boolean;
  readonly createdAt: string;
}
