# sis in a container: the no-Java tarball's own runtime on a minimal Debian, as a non-root user,
# listening on 3333, keeping files in the /data volume (SIS_STORE=file:/data; a flag such as
# --store=s3://bucket/prefix, -image=DIR or -localStore=false chooses another store).
#
# Build with deploy/build-image.sh, which makes the build context (the unpacked tarball as
# sis/, an empty data/) and the base image the FROM line names (debootstrap --variant=minbase
# bookworm, imported into podman). Only COPY and metadata steps: no RUN, so the image builds
# where containers cannot run.
FROM localhost/sis-base:bookworm

COPY --chown=0:0 sis/ /opt/sis/
COPY --chown=10001:10001 data/ /data/

ENV SIS_PORT=3333 \
    SIS_STORE=file:/data \
    SIS_SPOOL_DIR=/tmp/sis-spool \
    SIS_LOG_FORMAT=json \
    SIS_SHUTDOWN_TIMEOUT=25s

USER 10001:10001
WORKDIR /data
VOLUME /data
EXPOSE 3333

# /healthz over bash's /dev/tcp: the base image has no curl, and a JVM per probe is too heavy.
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["/bin/bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/${SIS_PORT:-3333} && printf 'GET /healthz HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["/opt/sis/bin/sis"]
CMD []
