# syntax=docker/dockerfile:1
# The collector's image: built in the first stage, run from plain JavaScript as a non-root user in the second.
#   docker build -t beacon-collector .        (the repository is the context; compose.yaml does this for you)

FROM node:20-bookworm-slim AS build
RUN npm install -g pnpm@12.4.2
WORKDIR /src
COPY . .
RUN pnpm install --frozen-lockfile --filter "@beacon/collector..."
# dist/ plus the production dependencies only, in /out (pnpm deploy copies the package's "files").
RUN pnpm --filter @beacon/collector build && pnpm --filter @beacon/collector deploy --prod /out

FROM node:20-bookworm-slim
ENV BEACON_DATA_DIR=/data PORT=8787
WORKDIR /app
COPY --from=build /out ./
RUN mkdir -p /data && chown node:node /data && ln -s /app/bin/beacon.js /usr/local/bin/beacon
USER node
# The signing secret, the event spool and (without DATABASE_URL) the embedded database: keep it on a persistent disk.
VOLUME /data
EXPOSE 8787
# 200 whenever the collector answers, even with its database down: pixels and redirects keep working then.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}/api/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node is PID 1 and gets the SIGTERM of `docker stop` itself; allow it more than BEACON_SHUTDOWN_TIMEOUT_SECONDS.
CMD ["node", "--single-threaded-gc", "dist/index.js"]
