package io.radstream.results;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.radstream.schemas.Topic;
import io.radstream.schemas.Topics;

class ApplicationConfigTest {

    @Test
    void shouldWaitAtStartupForExactlyTheRegistryTopics() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            properties.load(in);
        }

        assertThat(Arrays.asList(properties.getProperty("quarkus.kafka-streams.topics").split(",")))
                .containsExactlyInAnyOrderElementsOf(Topics.all().stream().map(Topic::name).toList());
        assertThat(properties.getProperty("kafka-streams.processing.guarantee")).isEqualTo("exactly_once_v2");
    }
}
