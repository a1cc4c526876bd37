# syntax=docker/dockerfile:1
# One image recipe for every Tocsin service; the service is a build argument. Build from the repository root
# (helm/build-images.sh builds all of them with the right arguments), e.g.:
#   docker build -t tocsin/alert-ingest:<version> --build-arg SERVICE=alert-ingest \
#     --build-arg MAIN_CLASS=dev.tocsin.ingest.Main --build-arg PORTS="8080 9080" --build-arg VERSION=<version> .
# Multi-stage: the JDK and Maven stay in the build stage; the image holds a JRE 17, the jars and nothing else.

FROM eclipse-temurin:17-jdk AS build
ARG SERVICE
WORKDIR /src
COPY . .
# the module and the modules it depends on (installed into this stage's own repository), then exactly its
# runtime classpath as plain jars
RUN test -n "$SERVICE" || { echo "--build-arg SERVICE=<module directory> is required" >&2; exit 1; }
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -Dmaven.test.skip=true -pl "$SERVICE" -am install \
    && ./mvnw -B -q -pl "$SERVICE" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory=/out/lib \
    && cp "$SERVICE/target/tocsin-$SERVICE-"*.jar /out/lib/

FROM eclipse-temurin:17-jre
ARG SERVICE
ARG MAIN_CLASS
ARG PORTS
ARG DESCRIPTION="Tocsin service"
ARG VERSION=0.1.0-SNAPSHOT
ARG REVISION=unknown
LABEL org.opencontainers.image.title="tocsin-${SERVICE}" \
      org.opencontainers.image.description="${DESCRIPTION}" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.revision="${REVISION}" \
      org.opencontainers.image.source="https://github.com/tocsin/tocsin" \
      org.opencontainers.image.base.name="docker.io/library/eclipse-temurin:17-jre"
# a fixed non-root user (the chart's runAsUser); no shell login, no home to write to
RUN test -n "$MAIN_CLASS" || { echo "--build-arg MAIN_CLASS=<the service's Main> is required" >&2; exit 1; } \
    && groupadd --system --gid 10001 tocsin && useradd --system --uid 10001 --gid tocsin --no-create-home tocsin \
    && mkdir -p /var/lib/tocsin/state && chown tocsin:tocsin /var/lib/tocsin/state
COPY --from=build /out/lib/ /app/lib/
# container-aware heap (a share of the memory limit; RocksDB lives off-heap), tmp on a volume: the root filesystem
# may be read-only, only /tmp and the state directory are written
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=60 -XX:+ExitOnOutOfMemoryError -Djava.io.tmpdir=/tmp" \
    TOCSIN_STATE_DIR=/var/lib/tocsin/state \
    TOCSIN_MAIN_CLASS=${MAIN_CLASS}
VOLUME ["/tmp", "/var/lib/tocsin/state"]
USER 10001:10001
EXPOSE ${PORTS}
# exec: java is PID 1 and gets the signals; the main class comes from the build argument
ENTRYPOINT ["/bin/sh", "-c", "exec java -cp '/app/lib/*' \"$TOCSIN_MAIN_CLASS\" \"$@\"", "tocsin"]
