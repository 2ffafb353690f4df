# RadStream ingest-service — Quarkus fast-jar (JVM) image.
# Build the app first, then the image from the repository root:
#   ./mvnw -B package -DskipTests -pl ingest-service -am
#   docker build -f docker/ingest-service.Dockerfile -t radstream/ingest-service:0.1.0 .
FROM eclipse-temurin:17.0.15_6-jre-jammy

LABEL org.opencontainers.image.title="radstream-ingest-service" \
      org.opencontainers.image.source="RadStream" \
      org.opencontainers.image.description="RadStream ingest-service (AI triage notifications only, not for diagnosis)"

WORKDIR /deployments
# Non-root user 185 (the Quarkus/UBI convention), group 0 so OpenShift's random UIDs also work.
# /var/lib/radstream/audit-outbox: the audit outbox volume (created here so a named volume is writable by 185).
RUN useradd --uid 185 --gid 0 --home-dir /deployments --no-create-home --shell /usr/sbin/nologin radstream \
 && chown 185:0 /deployments && chmod 0775 /deployments \
 && mkdir -p /var/lib/radstream/audit-outbox && chown -R 185:0 /var/lib/radstream && chmod -R 0775 /var/lib/radstream

# Quarkus fast-jar layout, dependencies first so app-only changes rebuild one small layer.
COPY --chown=185:0 ingest-service/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185:0 ingest-service/target/quarkus-app/quarkus/ /deployments/quarkus/
COPY --chown=185:0 ingest-service/target/quarkus-app/app/ /deployments/app/
COPY --chown=185:0 ingest-service/target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar

ENV JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8081

USER 185
EXPOSE 8081
# No curl in the JRE image: bash's /dev/tcp asks the liveness endpoint for its status line.
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8081 && printf 'GET /q/health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["bash", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
