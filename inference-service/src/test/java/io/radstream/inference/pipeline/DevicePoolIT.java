package io.radstream.inference.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.radstream.localstack.RadStreamStackResource;
import io.radstream.localstack.TopicReader;
import io.radstream.schemas.Topics;
import io.radstream.schemas.events.Finding;
import io.radstream.schemas.events.FindingOutcome;
import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.Priority;

/**
 * A pool of two devices, {@code cpu} and {@code cuda:0}, on the CPU build of ONNX Runtime: the CUDA
 * device falls back to the CPU (reported by the device-info gauge) and both inference threads serve the
 * lanes, real broker, real S3 server.
 */
@QuarkusTest
@QuarkusTestResource(RadStreamStackResource.class)
@TestProfile(DevicePoolIT.TwoDevices.class)
class DevicePoolIT {

    public static class TwoDevices implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("radstream.inference.devices", "cpu,cuda:0");
        }
    }

    @Test
    void shouldRunEveryImageWithACudaDeviceThatFellBackToTheCpu() throws Exception {
        String bootstrap = RadStreamStackResource.stack().kafka().bootstrapServers();
        List<ImageArrived> images = new ArrayList<>();
        try (TopicReader<Finding> findings = new TopicReader<>(bootstrap, Topics.FINDINGS);
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                     new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < 24; i++) {
                ImageArrived a = InferencePipelineIT.storedCtArrival("CT", "HEAD", i % 4 == 0 ? Priority.STAT
                        : Priority.ROUTINE);
                images.add(a);
                producer.send(new ProducerRecord<>(Topics.laneFor(a.getPriority()).name(), a.getStudyInstanceUid(),
                        Topics.IMAGES_STAT.valueSerde().toBytes(a)));
            }
            producer.flush();

            for (ImageArrived a : images) {
                Finding f = findings.await(InferencePipelineIT.of(a)).value();
                assertThat(f.getOutcome()).isEqualTo(FindingOutcome.COMPLETED);
                assertThat(f.getDevice()).isEqualTo("cpu");
            }
        }
        String metrics = io.restassured.RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics).contains("radstream_inference_device_info{device=\"cuda:0\",provider=\"CPU\"} 1.0")
                .contains("radstream_inference_device_info{device=\"cpu\",provider=\"CPU\"} 1.0")
                .contains("radstream_inference_device_busy_seconds_total{device=\"cuda:0\"}");
    }
}
