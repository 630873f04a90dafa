# syntax=docker/dockerfile:1
# Nexora WhatsApp bot. Built with the dev dependencies, run with the production ones only: the final
# image holds compiled JavaScript (dist/), production node_modules, the CLI and the bundled program
# catalogue, and runs as the unprivileged `node` user.
#   docker build -t nexora-bot .
#   docker run --env-file .env -p 5000:5000 nexora-bot
# Migrations run at every start (idempotent; concurrent starts on PostgreSQL take a lock). To migrate
# as a separate release step instead: docker run --env-file .env nexora-bot node bin/nexora-bot.js migrate
# Node.js 24, the Active LTS line (22 is supported too: --build-arg NODE_IMAGE=node:22-bookworm-slim).
ARG NODE_IMAGE=node:24-bookworm-slim

# 1. Production dependencies. better-sqlite3 is native: compilers in case no prebuilt binary fits.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

# 2. Every dependency, TypeScript included, to compile src/ to dist/.
FROM deps AS build
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# 3. What runs: no compiler, no sources, no dev tooling.
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY data-seed ./data-seed
# ./data is only used when DATABASE_URL is unset (SQLite); mount a volume there if you do that.
RUN mkdir -p data && chown node:node data
USER node
EXPOSE 5000
# Liveness: /webhook/health fails only when the database is unreachable (node:*-slim has no curl).
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 5000) + '/webhook/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
