package io.radstream.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Builds k8s/overlays/{cpu,gpu} with `kubectl kustomize`, parses every manifest into typed fabric8
 * objects (CRDs such as Strimzi, KEDA and Prometheus Operator resources as GenericKubernetesResource)
 * and checks the deployment invariants of issue [deploy].
 */
class KubernetesManifestsTest {

    static final List<String> OVERLAYS = List.of("cpu", "gpu");

    /** Topics of io.radstream.schemas.Topics with their partition counts. */
    /** Topic name → partitions, from the one topic registry every service uses. */
    static final Map<String, Integer> TOPIC_PARTITIONS = Topics.all().stream()
            .collect(java.util.stream.Collectors.toMap(Topic::name, Topic::partitions));

    /**
     * The Secrets the manifests reference (created out of band, never committed), with their keys.
     * docs/operations.md documents exactly these.
     */
    static final Map<String, Set<String>> REQUIRED_SECRETS = Map.of(
            "radstream-ingest", Set.of("pseudonym-key"),
            "radstream-jwt", Set.of("public-key.pem", "issuer"),
            "radstream-s3", Set.of("access-key", "secret-key"),
            "radstream-minio-root", Set.of("root-user", "root-password"),
            "radstream-tls", Set.of("tls.crt", "tls.key"));

    static final Set<String> RADSTREAM_SERVICES = Set.of("ingest-service", "inference-service", "results-service");

    static final Map<String, List<HasMetadata>> MANIFESTS = new HashMap<>();

    @BeforeAll
    static void buildOverlays() throws Exception {
        String kubectl = Tools.require("kubectl", "kubernetes-client");
        KubernetesSerialization serialization = new KubernetesSerialization();
        for (String overlay : OVERLAYS) {
            String yaml = Tools.runOk(Tools.root(), List.of(kubectl, "kustomize", "k8s/overlays/" + overlay));
            List<HasMetadata> resources = new ArrayList<>();
            for (String doc : yaml.split("(?m)^---\\s*$")) {
                if (doc.isBlank()) {
                    continue;
                }
                KubernetesResource parsed = serialization.unmarshal(doc, KubernetesResource.class);
                assertThat(parsed).as("a Kubernetes object in overlay %s:%n%s", overlay, doc).isInstanceOf(HasMetadata.class);
                resources.add((HasMetadata) parsed);
            }
            MANIFESTS.put(overlay, resources);
        }
    }

    static <T extends HasMetadata> List<T> all(String overlay, Class<T> type) {
        return MANIFESTS.get(overlay).stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    static List<GenericKubernetesResource> crs(String overlay, String kind) {
        return all(overlay, GenericKubernetesResource.class).stream()
                .filter(r -> kind.equals(r.getKind())).collect(Collectors.toList());
    }

    static <T extends HasMetadata> T one(String overlay, Class<T> type, String name) {
        return all(overlay, type).stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst()
                .orElseThrow(() -> new AssertionError(type.getSimpleName() + " " + name + " missing in overlay " + overlay));
    }

    /** Every pod template of the overlay, by "Kind/name". */
    static Map<String, PodSpec> podSpecs(String overlay) {
        Map<String, PodSpec> specs = new TreeMap<>();
        all(overlay, Deployment.class).forEach(d -> specs.put("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate().getSpec()));
        all(overlay, StatefulSet.class).forEach(s -> specs.put("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate().getSpec()));
        all(overlay, Job.class).forEach(j -> specs.put("Job/" + j.getMetadata().getName(), j.getSpec().getTemplate().getSpec()));
        return specs;
    }

    static List<Container> containers(PodSpec spec) {
        List<Container> all = new ArrayList<>(spec.getContainers());
        if (spec.getInitContainers() != null) {
            all.addAll(spec.getInitContainers());
        }
        return all;
    }

    static Container container(String overlay, String workload) {
        PodSpec spec = podSpecs(overlay).entrySet().stream().filter(e -> e.getKey().endsWith("/" + workload))
                .map(Map.Entry::getValue).findFirst().orElseThrow(() -> new AssertionError(workload + " missing"));
        return spec.getContainers().stream().filter(c -> c.getName().equals(workload)).findFirst().orElseThrow();
    }

    static String env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).map(EnvVar::getValue)
                .findFirst().orElse(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyManifestParsesIntoTypedObjects(String overlay) {
        List<HasMetadata> resources = MANIFESTS.get(overlay);
        assertThat(resources).hasSizeGreaterThan(30);
        // built-in kinds must become their model classes, only CRDs may stay generic
        Set<String> expectedCustomKinds = Set.of("Kafka", "KafkaNodePool", "KafkaTopic", "ScaledObject",
                "ServiceMonitor", "PrometheusRule");
        for (GenericKubernetesResource generic : all(overlay, GenericKubernetesResource.class)) {
            assertThat(expectedCustomKinds).as("untyped %s/%s", generic.getKind(), generic.getMetadata().getName())
                    .contains(generic.getKind());
        }
        assertThat(resources).allSatisfy(r -> assertThat(r.getMetadata().getNamespace() == null
                ? "radstream" : r.getMetadata().getNamespace()).isEqualTo("radstream"));
        assertThat(all(overlay, Deployment.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("ingest-service", "inference-service");
        assertThat(all(overlay, StatefulSet.class)).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrder("results-service", "minio");
        assertThat(all(overlay, Job.class)).extracting(d -> d.getMetadata().getName()).containsExactly("minio-create-bucket");
        for (String kind : expectedCustomKinds) {
            assertThat(crs(overlay, kind)).as(kind).isNotEmpty();
        }
        assertThat(all(overlay, Secret.class)).as("no Secret values are committed; Secrets are only referenced").isEmpty();
    }

    @Test
    void gpuLimitsOnlyInTheGpuOverlay() {
        for (Map.Entry<String, PodSpec> pod : podSpecs("cpu").entrySet()) {
            for (Container c : containers(pod.getValue())) {
                Map<String, Quantity> limits = c.getResources().getLimits();
                Map<String, Quantity> requests = c.getResources().getRequests();
                assertThat(limits == null ? Map.of() : limits).as(pod.getKey()).doesNotContainKey("nvidia.com/gpu");
                assertThat(requests == null ? Map.of() : requests).as(pod.getKey()).doesNotContainKey("nvidia.com/gpu");
            }
            assertThat(pod.getValue().getNodeSelector() == null ? Map.of() : pod.getValue().getNodeSelector())
                    .as(pod.getKey()).doesNotContainKey("nvidia.com/gpu.present");
        }
        assertThat(env(container("cpu", "inference-service"), "RADSTREAM_INFERENCE_DEVICES")).isEqualTo("cpu");

        for (Map.Entry<String, PodSpec> pod : podSpecs("gpu").entrySet()) {
            for (Container c : containers(pod.getValue())) {
                Map<String, Quantity> limits = c.getResources().getLimits();
                boolean gpu = limits != null && limits.containsKey("nvidia.com/gpu");
                assertThat(gpu).as("GPU limit on %s/%s", pod.getKey(), c.getName())
                        .isEqualTo(pod.getKey().equals("Deployment/inference-service"));
            }
        }
        Container inference = container("gpu", "inference-service");
        assertThat(inference.getResources().getLimits().get("nvidia.com/gpu")).isEqualTo(new Quantity("1"));
        assertThat(env(inference, "RADSTREAM_INFERENCE_DEVICES")).isEqualTo("cuda:0");
        assertThat(inference.getImage()).endsWith("-gpu");
        PodSpec spec = one("gpu", Deployment.class, "inference-service").getSpec().getTemplate().getSpec();
        assertThat(spec.getNodeSelector()).containsEntry("nvidia.com/gpu.present", "true");
        assertThat(spec.getTolerations()).anySatisfy(t -> assertThat(t.getKey()).isEqualTo("nvidia.com/gpu"));
        assertThat(container("cpu", "inference-service").getImage()).doesNotEndWith("-gpu");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyContainerHasProbesAndResources(String overlay) {
        for (Map.Entry<String, PodSpec> pod : podSpecs(overlay).entrySet()) {
            boolean longRunning = !pod.getKey().startsWith("Job/");
            for (Container c : containers(pod.getValue())) {
                String where = overlay + " " + pod.getKey() + "/" + c.getName();
                assertThat(c.getResources().getLimits()).as("limits of " + where).containsKeys("cpu", "memory");
                assertThat(c.getResources().getRequests()).as("requests of " + where).containsKeys("cpu", "memory");
                if (longRunning) {
                    assertThat(c.getLivenessProbe()).as("liveness probe of " + where).isNotNull();
                    assertThat(c.getReadinessProbe()).as("readiness probe of " + where).isNotNull();
                    assertThat(c.getStartupProbe()).as("startup probe of " + where).isNotNull();
                }
            }
        }
        for (String service : RADSTREAM_SERVICES) {
            Container c = container(overlay, service);
            assertThat(path(c.getStartupProbe())).isEqualTo("/q/health/started");
            assertThat(path(c.getLivenessProbe())).isEqualTo("/q/health/live");
            assertThat(path(c.getReadinessProbe())).isEqualTo("/q/health/ready");
        }
    }

    private static String path(Probe probe) {
        return probe.getHttpGet() == null ? null : probe.getHttpGet().getPath();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyImageIsPinnedToATag(String overlay) {
        for (Map.Entry<String, PodSpec> pod : podSpecs(overlay).entrySet()) {
            for (Container c : containers(pod.getValue())) {
                assertPinned(overlay + " " + pod.getKey(), c.getImage());
            }
        }
    }

    static void assertPinned(String where, String image) {
        assertThat(image).as("image of " + where).isNotBlank();
        if (image.contains("@sha256:")) {
            return;
        }
        String lastSegment = image.substring(image.lastIndexOf('/') + 1);
        assertThat(lastSegment).as("image %s of %s has a tag", image, where).contains(":");
        String tag = lastSegment.substring(lastSegment.indexOf(':') + 1);
        assertThat(tag).as("tag of image %s of %s", image, where).isNotBlank().isNotEqualToIgnoringCase("latest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everyPodRunsAsNonRoot(String overlay) {
        for (Map.Entry<String, PodSpec> pod : podSpecs(overlay).entrySet()) {
            PodSpec spec = pod.getValue();
            boolean podLevel = spec.getSecurityContext() != null && Boolean.TRUE.equals(spec.getSecurityContext().getRunAsNonRoot());
            for (Container c : containers(spec)) {
                boolean containerLevel = c.getSecurityContext() != null && Boolean.TRUE.equals(c.getSecurityContext().getRunAsNonRoot());
                assertThat(podLevel || containerLevel).as("runAsNonRoot for %s/%s", pod.getKey(), c.getName()).isTrue();
                assertThat(c.getSecurityContext()).as("securityContext of " + c.getName()).isNotNull();
                assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).as("allowPrivilegeEscalation of " + c.getName()).isFalse();
                assertThat(c.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
            }
        }
        GenericKubernetesResource kafka = crs(overlay, "Kafka").get(0);
        assertThat((Object) kafka.get("spec", "kafka", "template", "pod", "securityContext", "runAsNonRoot")).isEqualTo(true);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void kedaScalesPerLaneWithinPartitions(String overlay) {
        Map<String, Integer> partitions = new HashMap<>();
        for (GenericKubernetesResource topic : crs(overlay, "KafkaTopic")) {
            partitions.put((String) topic.get("spec", "topicName"), ((Number) topic.get("spec", "partitions")).intValue());
        }
        List<GenericKubernetesResource> scaledObjects = crs(overlay, "ScaledObject");
        assertThat(scaledObjects).isNotEmpty();
        Map<String, Integer> lagThresholdByTopic = new HashMap<>();
        for (GenericKubernetesResource so : scaledObjects) {
            int max = ((Number) so.get("spec", "maxReplicaCount")).intValue();
            List<Map<String, Object>> triggers = so.get("spec", "triggers");
            for (Map<String, Object> trigger : triggers) {
                assertThat(trigger.get("type")).isEqualTo("kafka");
                @SuppressWarnings("unchecked")
                Map<String, Object> metadata = (Map<String, Object>) trigger.get("metadata");
                String topic = (String) metadata.get("topic");
                assertThat(partitions).as("KafkaTopic for trigger topic " + topic).containsKey(topic);
                assertThat(max).as("%s maxReplicaCount vs partitions of %s", so.getMetadata().getName(), topic)
                        .isLessThanOrEqualTo(partitions.get(topic));
                assertThat(metadata.get("consumerGroup")).isEqualTo("radstream-inference-" + topic);
                lagThresholdByTopic.put(topic, Integer.parseInt((String) metadata.get("lagThreshold")));
            }
        }
        assertThat(lagThresholdByTopic).containsOnlyKeys("radstream.images.stat", "radstream.images.routine");
        assertThat(lagThresholdByTopic.get("radstream.images.stat"))
                .as("STAT scales first").isLessThan(lagThresholdByTopic.get("radstream.images.routine"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void kafkaIsKraftWithTheRadStreamTopics(String overlay) {
        GenericKubernetesResource kafka = crs(overlay, "Kafka").get(0);
        assertThat(kafka.getMetadata().getAnnotations()).containsEntry("strimzi.io/kraft", "enabled")
                .containsEntry("strimzi.io/node-pools", "enabled");
        GenericKubernetesResource pool = crs(overlay, "KafkaNodePool").get(0);
        assertThat((List<String>) pool.get("spec", "roles")).contains("controller", "broker");
        assertThat(((Number) pool.get("spec", "replicas")).intValue()).isGreaterThanOrEqualTo(3);

        Map<String, GenericKubernetesResource> topics = new TreeMap<>();
        crs(overlay, "KafkaTopic").forEach(t -> topics.put((String) t.get("spec", "topicName"), t));
        assertThat(topics.keySet()).isEqualTo(new TreeSet<>(TOPIC_PARTITIONS.keySet()));
        for (Map.Entry<String, GenericKubernetesResource> t : topics.entrySet()) {
            assertThat(((Number) t.getValue().get("spec", "partitions")).intValue()).as(t.getKey()).isEqualTo(TOPIC_PARTITIONS.get(t.getKey()));
            assertThat(((Number) t.getValue().get("spec", "replicas")).intValue()).as(t.getKey()).isEqualTo(3);
            assertThat(t.getValue().getMetadata().getLabels()).containsEntry("strimzi.io/cluster", kafka.getMetadata().getName());
        }
        assertThat((Object) topics.get("radstream.study-reports").get("spec", "config", "cleanup.policy")).isEqualTo("compact");
        assertThat(((Number) topics.get("radstream.dead-letters").get("spec", "config", "retention.ms")).longValue()).isEqualTo(30L * 24 * 3600 * 1000);
        for (String week : List.of("radstream.images.stat", "radstream.images.routine", "radstream.findings")) {
            assertThat(((Number) topics.get(week).get("spec", "config", "retention.ms")).longValue()).isEqualTo(7L * 24 * 3600 * 1000);
        }
        for (Topic<?> registered : Topics.all()) { // the registry's topic-level configs reach the cluster unchanged
            registered.configs().forEach((key, value) -> assertThat(String.valueOf((Object) topics.get(registered.name())
                    .get("spec", "config", key))).as(registered.name() + " " + key).isEqualTo(value));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void everySecretReferenceIsADocumentedSecretAndKey(String overlay) throws Exception {
        Map<String, Set<String>> referenced = new TreeMap<>();
        for (Map.Entry<String, PodSpec> pod : podSpecs(overlay).entrySet()) {
            for (Container c : containers(pod.getValue())) {
                for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                    if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                        referenced.computeIfAbsent(e.getValueFrom().getSecretKeyRef().getName(), k -> new TreeSet<>())
                                .add(e.getValueFrom().getSecretKeyRef().getKey());
                    }
                }
                for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
                    assertThat(from.getSecretRef()).as("envFrom a whole Secret hides which keys are needed: " + c.getName()).isNull();
                }
            }
            for (Volume v : pod.getValue().getVolumes() == null ? List.<Volume>of() : pod.getValue().getVolumes()) {
                if (v.getSecret() != null) {
                    referenced.computeIfAbsent(v.getSecret().getSecretName(), k -> new TreeSet<>());
                }
            }
        }
        for (Ingress ingress : all(overlay, Ingress.class)) {
            ingress.getSpec().getTls().forEach(tls -> referenced.computeIfAbsent(tls.getSecretName(), k -> new TreeSet<>()).addAll(Set.of("tls.crt", "tls.key")));
        }
        assertThat(referenced.keySet()).as("Secrets referenced").isEqualTo(new TreeSet<>(REQUIRED_SECRETS.keySet()));
        referenced.forEach((name, keys) -> assertThat(REQUIRED_SECRETS.get(name)).as("keys of Secret " + name).containsAll(keys));
        String operations = Files.readString(Tools.root().resolve("docs/operations.md"));
        REQUIRED_SECRETS.forEach((name, keys) -> {
            assertThat(operations).as("docs/operations.md documents Secret " + name).contains(name);
            keys.forEach(key -> assertThat(operations).as("docs/operations.md documents key %s of %s", key, name).contains(key));
        });
        // the pseudonym key goes to ingest only
        for (String service : List.of("inference-service", "results-service")) {
            assertThat(container(overlay, service).getEnv()).noneSatisfy(e -> assertThat(e.getName()).isEqualTo("RADSTREAM_INGEST_PSEUDONYM_KEY"));
        }
        assertThat(container(overlay, "ingest-service").getEnv()).anySatisfy(e -> assertThat(e.getName()).isEqualTo("RADSTREAM_INGEST_PSEUDONYM_KEY"));
        // ingest and results verify bearer tokens with the identity provider's key (Secret radstream-jwt)
        for (String service : List.of("ingest-service", "results-service")) {
            assertThat(container(overlay, service).getEnv()).as(service)
                    .anySatisfy(e -> assertThat(e.getName()).isEqualTo("MP_JWT_VERIFY_PUBLICKEY_LOCATION"))
                    .anySatisfy(e -> assertThat(e.getName()).isEqualTo("MP_JWT_VERIFY_ISSUER"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void resultsIsAStatefulSetWithStateStaticMembershipAndStandbys(String overlay) {
        StatefulSet results = one(overlay, StatefulSet.class, "results-service");
        assertThat(results.getSpec().getVolumeClaimTemplates()).extracting(p -> p.getMetadata().getName()).contains("state");
        Container c = container(overlay, "results-service");
        String stateDir = env(c, "KAFKA_STREAMS_STATE_DIR");
        assertThat(c.getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("state");
            assertThat(m.getMountPath()).isEqualTo(stateDir);
        });
        EnvVar podName = c.getEnv().stream().filter(e -> e.getName().equals("POD_NAME")).findFirst().orElseThrow();
        assertThat(podName.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("metadata.name");
        assertThat(env(c, "KAFKA_STREAMS_GROUP_INSTANCE_ID")).isEqualTo("$(POD_NAME)");
        assertThat(env(c, "KAFKA_STREAMS_NUM_STANDBY_REPLICAS")).isEqualTo("1");
        // every pod advertises its own address, so the others can forward a query to it
        EnvVar podIp = c.getEnv().stream().filter(e -> e.getName().equals("POD_IP")).findFirst().orElseThrow();
        assertThat(podIp.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("status.podIP");
        assertThat(env(c, "RADSTREAM_RESULTS_ADVERTISED_URL")).isEqualTo("http://$(POD_IP):8083");
        NetworkPolicy policy = one(overlay, NetworkPolicy.class, "results-service");
        assertThat(policy.getSpec().getIngress()).anySatisfy(rule -> assertThat(rule.getFrom()).anySatisfy(peer ->
                assertThat(peer.getPodSelector()).extracting(selector -> selector.getMatchLabels().get("app.kubernetes.io/name"))
                        .isEqualTo("results-service")));
        assertThat(policy.getSpec().getEgress()).anySatisfy(rule -> assertThat(rule.getTo()).anySatisfy(peer ->
                assertThat(peer.getPodSelector()).extracting(selector -> selector.getMatchLabels().get("app.kubernetes.io/name"))
                        .isEqualTo("results-service")));
        assertThat(env(c, "QUARKUS_KAFKA_STREAMS_BOOTSTRAP_SERVERS")).isNull(); // from the ConfigMap
        assertThat(results.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu", "gpu"})
    void availabilityNetworkAndMonitoringObjects(String overlay) throws Exception {
        // PDB for every workload that serves or consumes
        Set<String> pdbTargets = all(overlay, PodDisruptionBudget.class).stream()
                .map(p -> p.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/name")).collect(Collectors.toSet());
        assertThat(pdbTargets).containsAll(RADSTREAM_SERVICES);
        HorizontalPodAutoscaler hpa = one(overlay, HorizontalPodAutoscaler.class, "ingest-service");
        assertThat(hpa.getSpec().getMetrics()).anySatisfy(m -> assertThat(m.getResource().getName()).isEqualTo("cpu"));

        // default deny for both directions, then explicit allows
        NetworkPolicy deny = one(overlay, NetworkPolicy.class, "default-deny-all");
        assertThat(deny.getSpec().getPodSelector().getMatchLabels() == null || deny.getSpec().getPodSelector().getMatchLabels().isEmpty()).isTrue();
        assertThat(deny.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.getSpec().getIngress() == null || deny.getSpec().getIngress().isEmpty()).isTrue();
        assertThat(deny.getSpec().getEgress() == null || deny.getSpec().getEgress().isEmpty()).isTrue();
        for (String service : RADSTREAM_SERVICES) {
            assertThat(all(overlay, NetworkPolicy.class)).as("NetworkPolicy for " + service).anySatisfy(np ->
                    assertThat(np.getSpec().getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", service));
        }

        // Ingress terminates TLS and routes STOW-RS to ingest
        Ingress ingress = all(overlay, Ingress.class).get(0);
        assertThat(ingress.getSpec().getTls()).isNotEmpty();
        assertThat(ingress.getSpec().getRules().get(0).getHttp().getPaths()).anySatisfy(p -> {
            assertThat(p.getPath()).isEqualTo("/dicomweb");
            assertThat(p.getBackend().getService().getName()).isEqualTo("ingest-service");
        });

        // one ServiceMonitor per service, on /q/metrics
        Set<String> monitored = crs(overlay, "ServiceMonitor").stream().map(sm -> {
            List<Map<String, Object>> endpoints = sm.get("spec", "endpoints");
            assertThat(endpoints).allSatisfy(e -> assertThat(e.get("path")).isEqualTo("/q/metrics"));
            return (String) sm.get("spec", "selector", "matchLabels", "app.kubernetes.io/name");
        }).collect(Collectors.toSet());
        assertThat(monitored).isEqualTo(RADSTREAM_SERVICES);

        // the PrometheusRule carries exactly the groups of monitoring/prometheus-rules.yml
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode rulesFile = yaml.readTree(Tools.root().resolve("monitoring/prometheus-rules.yml").toFile());
        GenericKubernetesResource rule = crs(overlay, "PrometheusRule").get(0);
        JsonNode ruleSpec = yaml.valueToTree(rule.getAdditionalProperties().get("spec"));
        assertThat(ruleSpec.get("groups")).as("PrometheusRule spec.groups == monitoring/prometheus-rules.yml groups; "
                + "run deploy/scripts/sync-prometheus-rule.py after editing the rules file").isEqualTo(rulesFile.get("groups"));
    }

    @Test
    void baseKustomizationKeepsToFieldsOldKustomizeUnderstands() throws Exception {
        // Debian's kubectl 1.20 embeds kustomize v2.0.3: no `patches`/`labels`, directories only via `bases`
        for (Path k : List.of(Path.of("k8s/base/kustomization.yaml"), Path.of("k8s/overlays/cpu/kustomization.yaml"),
                Path.of("k8s/overlays/gpu/kustomization.yaml"))) {
            JsonNode node = new ObjectMapper(new YAMLFactory()).readTree(Tools.root().resolve(k).toFile());
            Map<String, JsonNode> fields = new LinkedHashMap<>();
            node.fields().forEachRemaining(e -> fields.put(e.getKey(), e.getValue()));
            assertThat(fields).as(k.toString()).doesNotContainKeys("patches", "labels", "replacements", "components");
            if (fields.containsKey("resources")) {
                fields.get("resources").forEach(r -> {
                    if (!r.asText().endsWith(".yaml")) {
                        fail(k + ": resource " + r.asText() + " is a directory; use `bases` for kustomize v2");
                    }
                });
            }
        }
    }
}
