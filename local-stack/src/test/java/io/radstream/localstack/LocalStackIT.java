package io.radstream.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.minio.GetObjectArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.ImageFormat;
import io.radstream.schemas.events.IngestSource;
import io.radstream.schemas.events.ObjectRef;
import io.radstream.schemas.events.Priority;

class LocalStackIT {

    @TempDir
    static Path tmp;
    static LocalStack stack;

    @BeforeAll
    static void startStack() {
        stack = LocalStack.startForTests(tmp);
    }

    @AfterAll
    static void stopStack() {
        long pid = stack.s3().process().orElseThrow().pid();
        stack.close();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(ProcessHandle.current().descendants().filter(p -> p.pid() == pid)).isEmpty();
    }

    static ImageArrived image(String studyUid) {
        return ImageArrived.newBuilder().setEventId("evt-" + studyUid).setTenant("t1").setStudyInstanceUid(studyUid)
                .setSeriesInstanceUid(studyUid + ".1").setSopInstanceUid(studyUid + ".1.1").setModality("CR")
                .setBodyPart("CHEST").setFormat(ImageFormat.DICOM)
                .setObject(new ObjectRef(LocalStack.IMAGES_BUCKET, "t1/" + studyUid + ".dcm", "application/dicom", 10L, "ab"))
                .setPriority(Priority.STAT).setPatientKey("0f0f").setSource(IngestSource.STOW_RS)
                .setReceivedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();
    }

    @Test
    void shouldDeliverRegistryEncodedRecordsThroughARealBroker() throws Exception {
        Topic<ImageArrived> topic = Topics.IMAGES_STAT;
        ImageArrived sent = image("1.2.840.99.1");
        Properties producerProps = new Properties();
        producerProps.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        producerProps.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, ImageArrived> producer = new KafkaProducer<>(producerProps,
                topic.keySerde().serializer(), topic.valueSerde().serializer())) {
            producer.send(new ProducerRecord<>(topic.name(), sent.getStudyInstanceUid(), sent)).get();
        }
        Properties consumerProps = new Properties();
        consumerProps.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers());
        consumerProps.put(ConsumerConfig.GROUP_ID_CONFIG, "local-stack-it");
        consumerProps.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, ImageArrived>> received = new ArrayList<>();
        try (KafkaConsumer<String, ImageArrived> consumer = new KafkaConsumer<>(consumerProps,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            consumer.subscribe(List.of(topic.name()));
            await().atMost(Duration.ofSeconds(60)).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
        }
        assertThat(received).singleElement().satisfies(r -> {
            assertThat(r.key()).isEqualTo("1.2.840.99.1");
            assertThat(r.value()).isEqualTo(sent);
        });
    }

    @Test
    void shouldCreateEveryRegistryTopicWithItsPartitionsAndConfigs() throws Exception {
        try (Admin admin = stack.kafka().newAdmin()) {
            Set<String> names = Topics.all().stream().map(Topic::name).collect(Collectors.toSet());
            Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames().get();
            List<ConfigResource> resources = names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList();
            Map<ConfigResource, Config> configs = admin.describeConfigs(resources).all().get();
            for (Topic<?> topic : Topics.all()) {
                assertThat(described.get(topic.name()).partitions()).hasSize(topic.partitions());
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
                topic.configs().forEach((key, value) -> assertThat(config.get(key).value()).as(topic.name() + " " + key).isEqualTo(value));
            }
            assertThat(configs.get(new ConfigResource(ConfigResource.Type.TOPIC, Topics.STUDY_REPORTS.name()))
                    .get("cleanup.policy").value()).isEqualTo("compact");
        }
    }

    @Test
    void shouldTolerateCreatingExistingTopicsAgain() {
        stack.kafka().createTopics(Topics.all());
        stack.s3().createBucket(stack.bucket());
    }

    @Test
    void shouldStoreStatAndServeObjectsOverS3() throws Exception {
        byte[] body = "DICM-not-really".getBytes();
        try (MinioClient s3 = stack.s3().newClient()) {
            s3.putObject(PutObjectArgs.builder().bucket(stack.bucket()).object("t1/1.2.3/small.dcm")
                    .stream(new ByteArrayInputStream(body), body.length, -1).contentType("application/dicom").build());
            StatObjectResponse stat = s3.statObject(StatObjectArgs.builder().bucket(stack.bucket()).object("t1/1.2.3/small.dcm").build());
            assertThat(stat.size()).isEqualTo(body.length);
            assertThat(stat.contentType()).isEqualTo("application/dicom");
            try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(stack.bucket()).object("t1/1.2.3/small.dcm").build())) {
                assertThat(in.readAllBytes()).isEqualTo(body);
            }
        }
    }

    @Test
    void shouldServeMultipartUploadsAndRangedGetsOverS3() throws Exception {
        byte[] body = new byte[12 * 1024 * 1024 + 123];
        new Random(42).nextBytes(body);
        String key = "t1/1.2.4/large.dcm";
        List<String> requests = new CopyOnWriteArrayList<>();
        OkHttpClient http = new OkHttpClient.Builder().addInterceptor(chain -> {
            requests.add(chain.request().method() + " " + chain.request().url().query());
            return chain.proceed(chain.request());
        }).build();
        try (MinioClient s3 = MinioClient.builder().endpoint(stack.s3().endpoint()).region("us-east-1")
                .credentials(stack.s3().accessKey(), stack.s3().secretKey()).httpClient(http, true).build()) {
            // unknown length + 5 MiB parts forces a multipart upload of three parts
            s3.putObject(PutObjectArgs.builder().bucket(stack.bucket()).object(key)
                    .stream(new ByteArrayInputStream(body), -1, 5 * 1024 * 1024).build());
            assertThat(requests).contains("POST uploads=")
                    .filteredOn(r -> r.startsWith("PUT ") && r.contains("partNumber=")).as(requests.toString()).hasSize(3);
            StatObjectResponse stat = s3.statObject(StatObjectArgs.builder().bucket(stack.bucket()).object(key).build());
            assertThat(stat.size()).isEqualTo(body.length);
            try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(stack.bucket()).object(key).build())) {
                assertThat(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()))
                        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(body));
            }
            try (InputStream in = s3.getObject(GetObjectArgs.builder().bucket(stack.bucket()).object(key)
                    .offset(6_000_000L).length(1000L).build())) {
                assertThat(in.readAllBytes()).isEqualTo(Arrays.copyOfRange(body, 6_000_000, 6_001_000));
            }
        }
    }

    @Test
    void shouldGiveServicesTheirConfiguration() {
        assertThat(stack.serviceConfig())
                .containsEntry("kafka.bootstrap.servers", stack.kafka().bootstrapServers())
                .containsEntry("quarkus.kafka-streams.bootstrap-servers", stack.kafka().bootstrapServers())
                .containsEntry("radstream.s3.endpoint", stack.s3().endpoint())
                .containsEntry("radstream.s3.access-key", "radstream")
                .containsEntry("radstream.s3.secret-key", "radstream-dev-secret")
                .containsEntry("radstream.s3.bucket", "radstream-images");
    }

    @Test
    void shouldLeaveNoS3ProxyProcessWhenClosed(@TempDir Path dir) {
        LocalS3 s3 = LocalS3.start(0, dir);
        ProcessHandle child = s3.process().orElseThrow();
        assertThat(child.isAlive()).isTrue();
        s3.close();
        assertThat(child.isAlive()).isFalse();
        assertThat(ProcessHandle.current().descendants().filter(p -> p.pid() == child.pid()).filter(ProcessHandle::isAlive)).isEmpty();
    }
}
