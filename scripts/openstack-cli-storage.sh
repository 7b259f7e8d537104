#!/usr/bin/env bash
# Runs the openstack CLI's image and volume stories (Debian's python3-openstackclient) against a
# started novamock with the repository's clouds.yaml, as the seeded demo user: an image uploaded
# from a file and booted, volumes (empty, from an image), boot from a volume and from an image onto
# a new volume, a volume attached and detached, a snapshot (`server image create`) and a backup of
# a server, then everything deleted and `GET /_mock/audit` empty. Fails (exit 1) when a command
# exits non-zero or a read-back does not show what the command did. Prints "N passed, M failed".
#   npm start &            (or AUTH_MODE=keystone npm start &)
#   bash scripts/openstack-cli-storage.sh [http://127.0.0.1:8080]
#   PORT=21410 AUTH_MODE=keystone bash scripts/openstack-cli-storage.sh     # starts its own novamock
# Env: CLI_WORKSPACE (/tmp/novamock-openstack-cli-storage), ADMIN_PASSWORD (secret).
# Needs: apt-get install python3-openstackclient
set -uo pipefail
CLI_DEFAULT_WORKSPACE=/tmp/novamock-openstack-cli-storage
. "$(dirname "${BASH_SOURCE[0]}")/openstack-cli-checks.sh"

V=(--os-compute-api-version 2.79)   # --nic none needs 2.37; delete_on_termination in the attachment view 2.79
I="cli-image-$SUFFIX"; S="cli-server-$SUFFIX"
id_of() { python3 -c "import json,sys; print(json.loads(sys.argv[1])['id'])" "$OUT" 2>/dev/null; }
head -c 1048576 /dev/urandom > "$WS/disk.img"

# an image from a file, booted
ok "image create --file" -- "${D[@]}" image create --file "$WS/disk.img" --disk-format raw --container-format bare -f json "$I"
IMG=$(id_of)
ok "image show (uploaded)" -- "${D[@]}" image show -f json "$IMG"; expect "the uploaded image is active with its size" "o['status'] == 'active' and int(o['size']) == 1048576"
ok "server create from the uploaded image" -- "${D[@]}" "${V[@]}" server create --image "$IMG" --flavor m1.tiny --nic none --wait -f json "$S-img"
SI=$(id_of); expect "the server is ACTIVE" "o['status'] == 'ACTIVE'"

# volumes
ok "volume create --size 1" -- "${D[@]}" volume create --size 1 -f json "$S-vol"
VOL=$(id_of)
ok "volume create --image --bootable" -- "${D[@]}" volume create --size 1 --image "$IMG" --bootable -f json "$S-boot"
BOOT=$(id_of)
ok "volume show (bootable)" -- "${D[@]}" volume show -f json "$BOOT"; expect "the image volume is bootable and available" "str(o['bootable']).lower() == 'true' and o['status'] == 'available'"

# boot from volume, both ways
ok "server create --volume" -- "${D[@]}" "${V[@]}" server create --volume "$BOOT" --flavor m1.tiny --nic none --wait -f json "$S-bfv"
SB=$(id_of); expect "the volume-backed server is ACTIVE" "o['status'] == 'ACTIVE'"
ok "volume show (in-use)" -- "${D[@]}" volume show -f json "$BOOT"; expect "the boot volume is in use" "o['status'] == 'in-use'"
ok "server create --boot-from-volume" -- "${D[@]}" "${V[@]}" server create --image "$IMG" --boot-from-volume 1 --flavor m1.tiny --nic none --wait -f json "$S-bfv2"
SB2=$(id_of); expect "the server booted onto a new volume is ACTIVE" "o['status'] == 'ACTIVE'"

# attach and detach
ok "server add volume" -- "${D[@]}" "${V[@]}" server add volume "$SI" "$VOL"
ok "volume show (attached)" -- "${D[@]}" volume show -f json "$VOL"; expect "the volume is in use, attached to the server" "o['status'] == 'in-use' and '$SI' in json.dumps(o['attachments'])"
ok "server volume list" -- "${D[@]}" "${V[@]}" server volume list -f json "$SI"; expect "the server lists the volume" "any(a['Volume ID'] == '$VOL' for a in o)"
ok "server remove volume" -- "${D[@]}" "${V[@]}" server remove volume "$SI" "$VOL"
for _ in $(seq 1 50); do st=$(openstack "${D[@]}" volume show -f value -c status "$VOL" 2>/dev/null); [ "$st" = available ] && break; sleep 0.2; done
ok "volume show (detached)" -- "${D[@]}" volume show -f json "$VOL"; expect "the volume is available again" "o['status'] == 'available'"

# snapshots and backups
ok "server image create --wait" -- "${D[@]}" "${V[@]}" server image create --name "$S-snap" --wait -f json "$SI"
SNAP=$(id_of); expect "the snapshot image is active" "o['status'] == 'active'"
ok "image show (snapshot)" -- "${D[@]}" image show -f json "$SNAP"; expect "it is a snapshot of the server" "o['properties']['image_type'] == 'snapshot' and o['properties']['instance_uuid'] == '$SI'"
ok "server image create of a volume-backed server" -- "${D[@]}" "${V[@]}" server image create --name "$S-vsnap" --wait -f json "$SB"
VSNAP=$(id_of); expect "its image maps the volume snapshots" "'block_device_mapping' in json.dumps(o['properties'])"
ok "server backup create --wait" -- "${D[@]}" "${V[@]}" server backup create --name "$S-backup" --type daily --rotate 1 --wait -f json "$SI"
BK=$(id_of); expect "the backup image is active" "o['status'] == 'active'"

# clean up: servers (the --boot-from-volume one deletes its volume), images, volumes and snapshots
ok "server delete --wait" -- "${D[@]}" server delete --wait "$SI" "$SB" "$SB2"
ok "image delete" -- "${D[@]}" image delete "$SNAP" "$VSNAP" "$BK" "$IMG"
for s in $(openstack "${D[@]}" volume snapshot list -f value -c ID 2>/dev/null); do openstack "${D[@]}" volume snapshot delete "$s" >/dev/null 2>&1; done
for _ in $(seq 1 50); do [ -z "$(openstack "${D[@]}" volume snapshot list -f value -c ID 2>/dev/null)" ] && break; sleep 0.2; done
ok "volume delete" -- "${D[@]}" volume delete "$VOL" "$BOOT"
ok "volume list" -- "${D[@]}" volume list -f json; expect "no volume left (the --boot-from-volume one went with its server)" "not [v for v in o if v['Name'] and v['Name'].startswith('$S')]"
TOKEN=$(openstack "${A[@]}" token issue -f value -c id 2>/dev/null)
OUT=$(curl -s -H "X-Auth-Token: $TOKEN" "$URL/_mock/audit"); expect "GET /_mock/audit is empty" "o['audit'] == []"

cli_summary "images and volumes"
