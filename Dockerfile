# syntax=docker/dockerfile:1
# Attache: two stages. The builder compiles a release binary with the Swift standard library and
# Foundation linked statically; the runtime image holds that binary, the knowledge-base resource
# bundle beside it, and the shared C libraries it links (libcurl, libsqlite3, libpq).
#
#   docker build -t attache .
#   docker run -p 8080:8080 -v attache-data:/var/lib/attache attache
#   docker run -p 8080:8080 -e ATTACHE_DATABASE_URL=postgres://attache@db/attache attache

# The same Swift release that builds and tests the project.
FROM swift:6.3.1-bookworm AS builder

# Unpinned on purpose: these come from Debian bookworm's archive and security updates, which
# drop superseded versions, so exact pins would break the build at the next point release.
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4-openssl-dev libsqlite3-dev libpq-dev pkg-config \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /src
COPY Package.swift ./
COPY Sources ./Sources
RUN swift build -c release --product attache --static-swift-stdlib \
    && mkdir -p /out \
    && cp "$(swift build -c release --show-bin-path)/attache" /out/ \
    && cp -R "$(swift build -c release --show-bin-path)/Attache_AttacheCore.resources" /out/ \
    && cp -R "$(swift build -c release --show-bin-path)/Attache_AttacheService.resources" /out/

FROM debian:bookworm-slim

# Runtime libraries only (see the builder's note on pins).
# hadolint ignore=DL3008
RUN apt-get update \
    && apt-get install -y --no-install-recommends libcurl4 libsqlite3-0 libpq5 ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 attache \
    && useradd --system --uid 10001 --gid attache --home-dir /var/lib/attache --shell /usr/sbin/nologin attache \
    && mkdir -p /var/lib/attache/data \
    && chown -R attache:attache /var/lib/attache

# The knowledge base is a resource bundle that the binary looks for next to itself.
COPY --from=builder /out/attache /usr/local/bin/attache
COPY --from=builder /out/Attache_AttacheCore.resources /usr/local/bin/Attache_AttacheCore.resources
COPY --from=builder /out/Attache_AttacheService.resources /usr/local/bin/Attache_AttacheService.resources

USER 10001:10001
WORKDIR /var/lib/attache
# SQLite lives at ./data/attache.sqlite (relative to the working directory) unless
# ATTACHE_DATABASE_URL says otherwise.
VOLUME ["/var/lib/attache/data"]
ENV ATTACHE_HOST=0.0.0.0 \
    ATTACHE_PORT=8080
EXPOSE 8080

HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["attache", "health", "--url", "http://127.0.0.1:8080"]

ENTRYPOINT ["attache"]
CMD ["serve"]
