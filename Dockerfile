# sis in a container: `docker build -t sis .` at the top of the repository, nothing else.
#
# Stage 1 builds the no-Java tarball with the Maven wrapper on a public JDK 25 image: sis.jar
# and a runtime trimmed by jlink. Stage 2 puts that runtime on a slim Debian with libvips (the
# fast image engine), as a non-root user, listening on 3333, keeping files in the /data volume
# (SIS_STORE=file:/data; a flag such as --store=s3://bucket/prefix, -image=DIR or
# -localStore=false chooses another store), with an AOT cache made by a training run at the
# end of the build. Arguments after the image name are sis's flags.
FROM eclipse-temurin:25-jdk AS build
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests package -Pdist \
 && mkdir /out \
 && tar -C /out -xzf target/sis-*-linux-x64.tar.gz \
 && mv /out/sis-* /out/sis
# What stage 2's AOT training run needs (mounted there, not copied): its script and a photo.
RUN mkdir /out/train \
 && java deploy/container/TrainingImage.java /out/train/photo.jpg \
 && cp deploy/container/train-aot.sh /out/train/

FROM debian:bookworm-slim
# libvips42 is the engine's library (libvips 8.14, bound through FFM); the user owns /data only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libvips42 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 sis \
 && useradd --system --uid 10001 --gid 10001 --home-dir /data --no-create-home --shell /usr/sbin/nologin sis \
 && mkdir /data \
 && chown 10001:10001 /data
COPY --from=build /out/sis/ /opt/sis/
COPY deploy/container/healthcheck.sh /opt/sis/bin/healthcheck

ENV SIS_PORT=3333 \
    SIS_STORE=file:/data \
    SIS_SPOOL_DIR=/tmp/sis-spool \
    SIS_LOG_FORMAT=json \
    SIS_SHUTDOWN_TIMEOUT=25s

# The AOT cache (docs/performance.md, "Warm-up"): a short training run of this image's sis on
# this image's Java writes /opt/sis/lib/sis.aot, which bin/sis then uses: a new container
# answers sooner and reaches its steady rate sooner. SIS_AOT_CACHE=off starts without it.
RUN --mount=type=bind,from=build,source=/out/train,target=/tmp/train \
    /tmp/train/train-aot.sh /tmp/train/photo.jpg /opt/sis/lib/sis.aot \
 && rm -rf /tmp/hsperfdata_*

USER 10001:10001
WORKDIR /data
VOLUME /data
EXPOSE 3333

# GET /healthz on the port and address sis was started with (its flags, else SIS_PORT and
# SIS_HOST): see deploy/container/healthcheck.sh. Bash's /dev/tcp: no curl, and no JVM per probe.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 CMD ["/opt/sis/bin/healthcheck"]

# bin/sis sizes the heap from the container's memory unless SIS_JAVA_OPTS or JAVA_TOOL_OPTIONS does.
ENTRYPOINT ["/opt/sis/bin/sis"]
CMD []
