// /os-volume-transfer (contrib/volume_transfer.py) and /volume-transfers (v3/volume_transfer.py,
// routed at every version as cinder's v3 router does): the same operations under both URLs;
// only the new URL's create takes no_snapshots, from 3.55.
import { MV } from '../versions.js';
import * as S from '../schemas/transfers.js';
import { toBool } from '../schemas/parameter-types.js';
import { transferDetail, transferSummary } from '../views/transfers.js';
import type { TransferRecord } from '../store/records.js';
import type { BlockStorageCall, RouteDeclaration } from './route-declaration.js';

function listed(call: BlockStorageCall, render: (t: TransferRecord) => Record<string, unknown>) {
  let all = call.service.listTransfers(call.caller, toBool(call.query.all_tenants ?? 'false'));
  if (call.query.name !== undefined) all = all.filter((t) => t.name === call.query.name);
  return { status: 200, body: { transfers: all.map(render) } };
}

function routesAt(base: string, v3: boolean): RouteDeclaration[] {
  return [
    {
      path: base, method: 'POST', summary: 'Offer a volume to another project', response: S.transferResponse,
      body: v3 ? [{ min: '3.0', max: '3.54', schema: S.createTransfer }, { min: MV.TRANSFER_WITH_SNAPSHOTS, schema: S.createTransferV355 }] : [{ min: '3.0', schema: S.createTransfer }],
      handler: (call) => {
        const withSnapshotsFlag = v3 && call.version.atLeast(MV.TRANSFER_WITH_SNAPSHOTS);
        const b = call.body<{ transfer: { volume_id: string; name?: string | null; no_snapshots?: unknown } }>(withSnapshotsFlag ? S.createTransferV355 : S.createTransfer).transfer;
        const created = call.service.createTransfer(call.caller, b.volume_id, typeof b.name === 'string' ? b.name.trim() : null,
          withSnapshotsFlag && b.no_snapshots !== undefined && toBool(b.no_snapshots));
        return { status: 202, body: { transfer: transferDetail(call.version, call.links, created.transfer, created.authKey) } };
      },
    },
    {
      path: base, method: 'GET', summary: 'List transfers', response: S.transferListResponse,
      // the derived name of GET /os-volume-transfer is that of GET /volume-transfers/{id}
      ...(v3 ? {} : { operationName: 'listOsVolumeTransfers' }),
      handler: (call) => listed(call, (t) => transferSummary(call.links, t)),
    },
    {
      path: `${base}/detail`, method: 'GET', summary: 'List transfers with details', response: S.transferListResponse,
      handler: (call) => listed(call, (t) => transferDetail(call.version, call.links, t)),
    },
    {
      path: `${base}/{transfer_id}`, method: 'GET', summary: 'Show a transfer', response: S.transferResponse,
      handler: (call) => ({ status: 200, body: { transfer: transferDetail(call.version, call.links, call.service.getTransfer(call.caller, call.params.transfer_id!)) } }),
    },
    {
      path: `${base}/{transfer_id}`, method: 'DELETE', summary: 'Delete a transfer', response: null,
      handler: (call) => { call.service.deleteTransfer(call.caller, call.params.transfer_id!); return { status: 202 }; },
    },
    {
      path: `${base}/{transfer_id}/accept`, method: 'POST', summary: 'Accept a transfer with its auth key', body: [{ min: '3.0', schema: S.acceptTransfer }], response: S.transferResponse,
      handler: (call) => {
        const b = call.body<{ accept: { auth_key: string | number } }>(S.acceptTransfer).accept;
        const t = call.service.acceptTransfer(call.caller, call.params.transfer_id!, String(b.auth_key));
        return { status: 202, body: { transfer: transferSummary(call.links, t) } };
      },
    },
  ];
}

export const transferRoutes: RouteDeclaration[] = [...routesAt('/os-volume-transfer', false), ...routesAt('/volume-transfers', true)];
