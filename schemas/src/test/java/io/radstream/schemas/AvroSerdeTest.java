package io.radstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import io.radstream.schemas.events.ImageArrived;
import io.radstream.schemas.events.ImageFormat;
import io.radstream.schemas.events.IngestSource;
import io.radstream.schemas.events.ObjectRef;
import io.radstream.schemas.events.Priority;

class AvroSerdeTest {

    static ImageArrived sampleArrival() {
        return ImageArrived.newBuilder()
                .setEventId("e1").setTenant("default").setStudyInstanceUid("1.2.3").setSeriesInstanceUid("1.2.3.4")
                .setSopInstanceUid("1.2.3.4.5").setModality("CR").setBodyPart("CHEST").setFormat(ImageFormat.PNG)
                .setRows(224).setColumns(224)
                .setObject(ObjectRef.newBuilder().setBucket("images").setKey("default/1.2.3/1.2.3.4/1.2.3.4.5.png")
                        .setContentType("image/png").setSizeBytes(10).setSha256("ab").build())
                .setPriority(Priority.STAT).setPatientKey("k").setSource(IngestSource.UPLOAD)
                .setReceivedAt(Instant.ofEpochMilli(1_700_000_000_000L)).build();
    }

    @Test
    void shouldRoundTripWithSingleObjectEncoding() {
        AvroSerde<ImageArrived> serde = Topics.IMAGES_STAT.valueSerde();
        byte[] bytes = serde.serializer().serialize("t", sampleArrival());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        assertThat(serde.deserializer().deserialize("t", bytes)).isEqualTo(sampleArrival());
    }

    @Test
    void shouldResolveRecordsWrittenWithAnOlderSchemaVersion() throws Exception {
        Schema current = ImageArrived.getClassSchema();
        Schema older = withoutFields(current, "rows", "columns", "frameCount");
        GenericRecord oldRecord = copyInto(older, sampleArrival());
        ByteBuffer encoded = new BinaryMessageEncoder<GenericRecord>(GenericData.get(), older).encode(oldRecord);
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);

        ImageArrived decoded = new AvroSerde<>(ImageArrived.class, List.of(older)).fromBytes(bytes);

        assertThat(decoded.getSopInstanceUid()).isEqualTo("1.2.3.4.5");
        assertThat(decoded.getRows()).isZero();
        assertThat(decoded.getFrameCount()).isEqualTo(1);
    }

    @Test
    void shouldRejectRecordsOfAnUnknownSchemaWithASerializationException() {
        byte[] bytes = Topics.IMAGES_STAT.valueSerde().toBytes(sampleArrival());
        bytes[5] ^= 0x5A; // corrupt the fingerprint

        assertThatThrownBy(() -> Topics.IMAGES_STAT.valueSerde().fromBytes(bytes))
                .isInstanceOf(SerializationException.class).hasMessageContaining("ImageArrived");
    }

    @Test
    void shouldRejectGarbageWithASerializationException() {
        assertThatThrownBy(() -> Topics.FINDINGS.valueSerde().fromBytes(new byte[] {1, 2, 3}))
                .isInstanceOf(SerializationException.class);
    }

    private static Schema withoutFields(Schema schema, String... removed) {
        List<String> drop = List.of(removed);
        List<Schema.Field> fields = schema.getFields().stream().filter(f -> !drop.contains(f.name()))
                .map(f -> new Schema.Field(f, f.schema())).collect(Collectors.toList());
        return Schema.createRecord(schema.getName(), schema.getDoc(), schema.getNamespace(), false, fields);
    }

    private static GenericRecord copyInto(Schema schema, ImageArrived arrival) {
        GenericRecordBuilder builder = new GenericRecordBuilder(schema);
        GenericData.Record full = (GenericData.Record) GenericData.get().deepCopy(ImageArrived.getClassSchema(),
                toGeneric(arrival));
        schema.getFields().forEach(f -> builder.set(f.name(), full.get(f.name())));
        return builder.build();
    }

    private static Object toGeneric(ImageArrived arrival) {
        AvroSerde<ImageArrived> serde = new AvroSerde<>(ImageArrived.class);
        byte[] bytes = serde.toBytes(arrival);
        try {
            return new org.apache.avro.message.BinaryMessageDecoder<GenericRecord>(GenericData.get(),
                    ImageArrived.getClassSchema()).decode(bytes);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
