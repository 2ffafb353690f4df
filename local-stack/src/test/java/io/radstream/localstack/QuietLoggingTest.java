package io.radstream.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.logging.Level;

import org.jboss.logmanager.LogContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class QuietLoggingTest {

    @Test
    void shouldTurnOffBrokerTraceInAPlainJvmWhereJBossLogManagerIsNotTheJulManager() {
        QuietLogging.quiet(QuietLogging.BROKER_CATEGORIES);

        org.slf4j.Logger requestChannel = LoggerFactory.getLogger("kafka.network.Processor");
        assertThat(requestChannel.isTraceEnabled()).isFalse();
        assertThat(requestChannel.isInfoEnabled()).isFalse();
        assertThat(requestChannel.isWarnEnabled()).isTrue();
    }

    @Test
    void shouldLeaveClientsAtInfoInsteadOfTheUnconfiguredAll() {
        QuietLogging.quiet(QuietLogging.BROKER_CATEGORIES);

        org.slf4j.Logger producer = LoggerFactory.getLogger("org.apache.kafka.clients.producer.KafkaProducer");
        assertThat(producer.isTraceEnabled()).isFalse();
        assertThat(producer.isDebugEnabled()).isFalse();
        assertThat(producer.isInfoEnabled()).isTrue();
    }

    @Test
    void shouldKeepALevelTheUserSetExplicitly() {
        LogContext.getLogContext().getLogger("org.apache.kafka.jmh").setLevel(Level.FINE);

        QuietLogging.quiet(List.of("org.apache.kafka.jmh"));

        assertThat(LoggerFactory.getLogger("org.apache.kafka.jmh.Bench").isDebugEnabled()).isTrue();
    }
}
