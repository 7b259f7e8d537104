#!/usr/bin/env bash
# npm run test:docker — build the image and prove it serves, then clean up.
#   1. docker: install docker.io when missing; start dockerd (no bridge, no iptables) when
#      no daemon answers, and stop it again at the end.
#   2. base image: BASE_IMAGE if given (e.g. node:20-bookworm-slim where pulls work); else an
#      offline stand-in with the same layout, built once and cached as $LOCAL_BASE: Debian
#      bookworm (debootstrap --variant=minbase) + this machine's Node 20, headers, npm and CA bundle.
#   3. docker build --build-arg BASE_IMAGE=... (host network: apt and npm registries).
#   4. docker run --network host, HOST=127.0.0.1, ports from env; check /placement/, /compute/v2.1/,
#      the standalone Placement port, non-root user, HEALTHCHECK healthy, clean SIGTERM stop.
# Env: DOCKER_TEST_PORT (18720), DOCKER_TEST_PLACEMENT_PORT (18721), BASE_IMAGE,
#      DOCKER_BUILD_TIMEOUT (1500 s), KEEP_IMAGE=1 (keep novamock:test), REBUILD_BASE=1.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PORT="${DOCKER_TEST_PORT:-18720}"
PLACEMENT_PORT="${DOCKER_TEST_PLACEMENT_PORT:-18721}"
LOCAL_BASE="novamock-local/node:20-bookworm-slim"
IMAGE="novamock:test"
CONTAINER="novamock-test-$$"
export DOCKER_BUILDKIT=0   # the classic builder ships with docker.io; BuildKit needs buildx
STARTED_DOCKERD=""
ROOTFS=""

log() { printf '[docker-test] %s\n' "$*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

cleanup() {
  local rc=$?
  docker rm -f "$CONTAINER" >/dev/null 2>&1 || true
  if [ "${KEEP_IMAGE:-0}" != 1 ]; then docker rmi "$IMAGE" >/dev/null 2>&1 || true; fi
  [ -n "$ROOTFS" ] && rm -rf "$ROOTFS"
  if [ -n "$STARTED_DOCKERD" ]; then
    log "stopping the dockerd this script started (pid $STARTED_DOCKERD)"
    kill "$STARTED_DOCKERD" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$STARTED_DOCKERD" 2>/dev/null || break; sleep 1; done
  fi
  [ $rc -eq 0 ] && log "PASS" || log "exit $rc"
}
trap cleanup EXIT

# ---- 1. a docker daemon
if ! command -v dockerd >/dev/null; then
  log "installing docker.io"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=580 --no-install-recommends docker.io >/dev/null \
    || { apt-get update -o DPkg::Lock::Timeout=580 >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=580 --no-install-recommends docker.io >/dev/null; }
fi
if ! docker info >/dev/null 2>&1; then
  log "starting dockerd --bridge=none --iptables=false (log /tmp/novamock-dockerd.log)"
  setsid dockerd --bridge=none --iptables=false --ip6tables=false >/tmp/novamock-dockerd.log 2>&1 &
  STARTED_DOCKERD=$!
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && break; sleep 0.5; done
  docker info >/dev/null 2>&1 || fail "dockerd did not come up; see /tmp/novamock-dockerd.log"
fi

# ---- 2. the base image
build_local_base() {
  command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -o DPkg::Lock::Timeout=580 --no-install-recommends debootstrap >/dev/null
  local node prefix
  node="$(command -v node)"; prefix="$(dirname "$(dirname "$(readlink -f "$node")")")"
  [ -x "$prefix/bin/node" ] && [ -d "$prefix/include/node" ] && [ -d "$prefix/lib/node_modules/npm" ] \
    || fail "this machine's node ($prefix) lacks headers or npm; set BASE_IMAGE instead"
  "$prefix/bin/node" -e 'process.exit(process.versions.node.split(".")[0] === "20" ? 0 : 1)' || fail "need Node 20 on this machine for the local base image"
  ROOTFS="$(mktemp -d /tmp/novamock-rootfs.XXXXXX)"
  log "debootstrap bookworm (minbase) into $ROOTFS"
  timeout 600 debootstrap --variant=minbase bookworm "$ROOTFS" http://deb.debian.org/debian >/tmp/novamock-debootstrap.log 2>&1 \
    || fail "debootstrap failed; see /tmp/novamock-debootstrap.log"
  log "adding node $("$prefix/bin/node" --version) from $prefix"
  mkdir -p "$ROOTFS$prefix/bin" "$ROOTFS$prefix/lib/node_modules" "$ROOTFS$prefix/include" "$ROOTFS$prefix/etc" "$ROOTFS/etc/ssl/certs"
  cp -a "$prefix/bin/node" "$ROOTFS$prefix/bin/"
  cp -a "$prefix/lib/node_modules/npm" "$ROOTFS$prefix/lib/node_modules/"
  cp -a "$prefix/include/node" "$ROOTFS$prefix/include/"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS$prefix/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS$prefix/bin/npx"
  # The registries may be reached through a TLS-inspecting proxy whose CA this machine trusts.
  cp /etc/ssl/certs/ca-certificates.crt "$ROOTFS/etc/ssl/certs/ca-certificates.crt"
  printf 'cafile=/etc/ssl/certs/ca-certificates.crt\n' >"$ROOTFS$prefix/etc/npmrc"
  rm -rf "$ROOTFS"/var/cache/apt/archives/*.deb "$ROOTFS"/var/lib/apt/lists/*
  tar -C "$ROOTFS" -c . | docker import \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    --change 'ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/ca-certificates.crt' \
    --change 'CMD ["node"]' - "$LOCAL_BASE" >/dev/null
  rm -rf "$ROOTFS"; ROOTFS=""
}
if [ -n "${BASE_IMAGE:-}" ]; then
  BASE="$BASE_IMAGE"
  docker image inspect "$BASE" >/dev/null 2>&1 || timeout 300 docker pull "$BASE" >/dev/null || fail "cannot get BASE_IMAGE $BASE"
else
  BASE="$LOCAL_BASE"
  if [ "${REBUILD_BASE:-0}" = 1 ] || ! docker image inspect "$BASE" >/dev/null 2>&1; then build_local_base; fi
fi
log "base image: $BASE"

# ---- 3. build
log "docker build (log /tmp/novamock-docker-build.log)"
timeout "${DOCKER_BUILD_TIMEOUT:-1500}" docker build --network host --build-arg BASE_IMAGE="$BASE" -t "$IMAGE" "$ROOT" \
  >/tmp/novamock-docker-build.log 2>&1 || { tail -30 /tmp/novamock-docker-build.log >&2; fail "docker build"; }
log "image size: $(docker image inspect -f '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}')"

# ---- 4. run and probe
# Host network, so loopback only: the image's HOST=0.0.0.0 would listen on every interface here.
docker run -d --name "$CONTAINER" --network host \
  -e HOST=127.0.0.1 -e PORT="$PORT" -e PLACEMENT_STANDALONE_PORT="$PLACEMENT_PORT" "$IMAGE" >/dev/null
get() { curl -s --max-time 5 -o /tmp/novamock-docker-body.$$ -w '%{http_code}' -H 'x-auth-token: admin' "$@" || echo 000; }
code=000
for _ in $(seq 100); do
  code="$(get "http://127.0.0.1:$PORT/placement/")"; [ "$code" = 200 ] && break
  [ "$(docker inspect -f '{{.State.Running}}' "$CONTAINER")" = true ] || break
  sleep 0.3
done
[ "$code" = 200 ] || { docker logs "$CONTAINER" 2>&1 | tail -20 >&2; fail "GET /placement/ -> $code"; }
grep -q '"max_version": *"1.39"' /tmp/novamock-docker-body.$$ || fail "/placement/ is not Placement's version document: $(cat /tmp/novamock-docker-body.$$)"
log "GET :$PORT/placement/ -> 200"

code="$(get "http://127.0.0.1:$PLACEMENT_PORT/")"
[ "$code" = 200 ] && grep -q '"max_version": *"1.39"' /tmp/novamock-docker-body.$$ || fail "standalone Placement GET :$PLACEMENT_PORT/ -> $code $(cat /tmp/novamock-docker-body.$$)"
log "GET :$PLACEMENT_PORT/ (standalone Placement) -> 200"

code="$(get "http://127.0.0.1:$PORT/compute/v2.1/")"
[ "$code" = 200 ] && grep -q '"version"' /tmp/novamock-docker-body.$$ || fail "GET /compute/v2.1/ -> $code $(head -c 300 /tmp/novamock-docker-body.$$)"
log "GET :$PORT/compute/v2.1/ -> 200"
code="$(get "http://127.0.0.1:$PORT/docs/static/swagger-ui.css")"
[ "$code" = 200 ] || fail "GET /docs/static/swagger-ui.css -> $code"
code="$(get "http://127.0.0.1:$PORT/docs/json")"
[ "$code" = 200 ] && grep -q '"openapi"' /tmp/novamock-docker-body.$$ || fail "GET /docs/json -> $code"
log "GET :$PORT/docs (Swagger UI and its assets) -> 200"
rm -f /tmp/novamock-docker-body.$$

uid="$(docker exec "$CONTAINER" id -u)"
[ "$uid" != 0 ] || fail "container runs as root"
log "runs as uid $uid"

health=""
for _ in $(seq 40); do
  health="$(docker inspect -f '{{.State.Health.Status}}' "$CONTAINER")"; [ "$health" = healthy ] && break; sleep 1
done
[ "$health" = healthy ] || fail "HEALTHCHECK status: $health"
log "HEALTHCHECK: healthy"

timeout 30 docker stop -t 10 "$CONTAINER" >/dev/null
exit_code="$(docker inspect -f '{{.State.ExitCode}}' "$CONTAINER")"
[ "$exit_code" = 0 ] || { docker logs "$CONTAINER" 2>&1 | tail -10 >&2; fail "exit code $exit_code after SIGTERM (expected a graceful 0)"; }
log "stopped cleanly on SIGTERM"
