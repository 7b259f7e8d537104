# novamock image: `docker build -t novamock .` then
#   docker run -p 8080:8080 -p 8778:8778 novamock
# Main port 8080 (/compute, /placement, /_mock, /docs); standalone Placement on 8778.
# BASE_IMAGE must be a Debian bookworm image with Node 20 (node:20-bookworm-slim or the same
# layout); scripts/docker-test.sh builds an offline stand-in for it and passes it here.
ARG BASE_IMAGE=node:20-bookworm-slim

# ---- build: full install (native better-sqlite3 needs python3, make, g++), bundle, prune
FROM ${BASE_IMAGE} AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
# node-gyp uses the headers that ship with the image's node instead of downloading them.
RUN npm_config_nodedir="$(dirname "$(dirname "$(command -v node)")")" \
    npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/build.mjs scripts/bundle-main.mjs ./scripts/
COPY src ./src
# the build starts the server once (its code cache, see scripts/build.mjs): it needs migrations/
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: the bundle, production modules (the bundle's externals), migrations; not root
FROM ${BASE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    PLACEMENT_STANDALONE_PORT=8778
WORKDIR /app
RUN groupadd --system novamock && useradd --system --gid novamock --home-dir /app --shell /usr/sbin/nologin novamock
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY migrations ./migrations
USER novamock
EXPOSE 8080 8778
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.PORT + '/placement/').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node as PID 1 would ignore SIGTERM without a handler; main.ts installs one (graceful close).
CMD ["node", "dist/bundle/main.mjs"]
