# One image for every service; docker-compose picks the entry point per service.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json tsconfig.base.json ./
COPY shared/package.json shared/
COPY borough/package.json borough/
# registry:packages:start
COPY gateway/package.json gateway/
COPY subgraphs/family-index/package.json subgraphs/family-index/
COPY subgraphs/maternity/package.json subgraphs/maternity/
COPY subgraphs/health-visiting/package.json subgraphs/health-visiting/
COPY subgraphs/childrens-centres/package.json subgraphs/childrens-centres/
COPY subgraphs/registration/package.json subgraphs/registration/
COPY subgraphs/childrens-social-care/package.json subgraphs/childrens-social-care/
# registry:packages:end
COPY web/package.json web/
RUN npm ci --no-audit --no-fund
COPY . .
# The staff app is built here (web/dist) and served by the gateway at /.
RUN npx tsc -b && npm run build -w web && npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
