# RadStream inference-service, GPU variant: CUDA 12 + cuDNN 9 runtime (what ONNX Runtime 1.23's
# CUDA execution provider links against) with a Temurin 17 JRE copied in.
# Build the app with the CUDA build of ONNX Runtime first, then the image from the repository root:
#   ./mvnw -B -Pgpu package -DskipTests -pl inference-service -am
#   docker build -f docker/inference-service.gpu.Dockerfile -t radstream/inference-service:0.1.0-gpu .
# Run with a GPU: docker run --gpus 1 ... (compose profile "gpu", k8s overlay "gpu").
FROM eclipse-temurin:17.0.15_6-jre-jammy AS jre

FROM nvidia/cuda:12.6.3-cudnn-runtime-ubuntu22.04

LABEL org.opencontainers.image.title="radstream-inference-service-gpu" \
      org.opencontainers.image.source="RadStream" \
      org.opencontainers.image.description="RadStream inference-service, CUDA ONNX Runtime (AI triage notifications only, not for diagnosis)"

ENV JAVA_HOME=/opt/java/openjdk \
    LANG=C.UTF-8
ENV PATH="${JAVA_HOME}/bin:${PATH}"
COPY --from=jre /opt/java/openjdk /opt/java/openjdk

WORKDIR /deployments
RUN useradd --uid 185 --gid 0 --home-dir /deployments --no-create-home --shell /usr/sbin/nologin radstream \
 && chown 185:0 /deployments && chmod 0775 /deployments

COPY --chown=185:0 inference-service/target/quarkus-app/lib/ /deployments/lib/
COPY --chown=185:0 inference-service/target/quarkus-app/quarkus/ /deployments/quarkus/
COPY --chown=185:0 inference-service/target/quarkus-app/app/ /deployments/app/
COPY --chown=185:0 inference-service/target/quarkus-app/quarkus-run.jar /deployments/quarkus-run.jar

# Model descriptors + ONNX files (every models/*/ folder except the training code).
COPY --chown=185:0 models/ /deployments/models/
RUN rm -rf /deployments/models/training /deployments/models/train.sh \
 && test -n "$(ls /deployments/lib/main/ | grep onnxruntime_gpu)" \
    || { echo "quarkus-app was not built with -Pgpu (no onnxruntime_gpu jar)" >&2; exit 1; }
ENV RADSTREAM_INFERENCE_MODELS_DIR=/deployments/models \
    RADSTREAM_INFERENCE_DEVICES=cuda:0 \
    NVIDIA_VISIBLE_DEVICES=all \
    NVIDIA_DRIVER_CAPABILITIES=compute,utility

ENV JAVA_OPTS="-XX:MaxRAMPercentage=75.0 -XX:+ExitOnOutOfMemoryError -Djava.util.logging.manager=org.jboss.logmanager.LogManager" \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8082

USER 185
EXPOSE 8082
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8082 && printf 'GET /q/health/live HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && head -n1 <&3 | grep -q ' 200 '"]

ENTRYPOINT ["bash", "-c", "exec java $JAVA_OPTS -jar /deployments/quarkus-run.jar"]
