package io.radstream.schemas;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for generated Avro event classes using Avro single-object encoding
 * (2-byte marker, 8-byte schema fingerprint, binary body). The decoder knows every committed
 * version of the schema (see {@link SchemaHistory}), so a consumer resolves records written by
 * older producers without a schema registry server.
 *
 * @param <T> the generated event class
 */
public final class AvroSerde<T extends SpecificRecordBase> implements Serde<T> {

    private static final String EVENTS_PACKAGE = "io.radstream.schemas.events";

    static {
        // Avro 1.12 only instantiates classes it trusts; our generated events are the only ones we decode.
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                c -> EVENTS_PACKAGE.equals(c.getPackageName())));
    }

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    public AvroSerde(Class<T> type) {
        this(type, SchemaHistory.versionsOf(SpecificData.getForClass(type).getSchema(type).getName()));
    }

    /** A serde that also resolves records written with any of {@code writerSchemas}. */
    public AvroSerde(Class<T> type, List<Schema> writerSchemas) {
        this.type = type;
        SpecificData model = modelFor(type);
        Schema schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        writerSchemas.forEach(decoder::addSchema);
    }

    /**
     * The generated class's conversions (timestamps as Instant) in a model bound to the class's own
     * class loader, so records decode into the same class the caller sees (Quarkus tests and apps
     * use several class loaders; Avro's default model resolves classes through the thread's loader).
     */
    private static SpecificData modelFor(Class<?> type) {
        SpecificData model = new SpecificData(type.getClassLoader());
        SpecificData.getForClass(type).getConversions().forEach(model::addLogicalTypeConversion);
        return model;
    }

    public Class<T> type() {
        return type;
    }

    public byte[] toBytes(T value) {
        try {
            ByteBuffer buffer = encoder.encode(value);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public T fromBytes(byte[] bytes) {
        try {
            return decoder.decode(bytes);
        } catch (IOException | RuntimeException e) {
            throw new SerializationException("Cannot decode " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Serializer<T> serializer() {
        return (topic, value) -> value == null ? null : toBytes(value);
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> bytes == null ? null : fromBytes(bytes);
    }
}
