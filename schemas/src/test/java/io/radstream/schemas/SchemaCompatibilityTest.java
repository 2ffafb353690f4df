package io.radstream.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SchemaCompatibilityTest {

    static List<Schema> currentSchemas() {
        return Topics.all().stream().map(t -> t.valueSerde().type())
                .distinct()
                .map(type -> org.apache.avro.specific.SpecificData.get().getSchema(type))
                .toList();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void shouldSnapshotTheCurrentSchemaAsTheNewestCommittedVersion(Schema current) {
        List<Schema> history = SchemaHistory.versionsOf(current.getName());
        assertThat(history).as("schema-history/%s has no versions", current.getName()).isNotEmpty();
        assertThat(history.get(history.size() - 1))
                .as("%s changed: add it as schema-history/%s/v%d.avsc:%n%s", current.getName(), current.getName(),
                        history.size() + 1, current.toString(true))
                .isEqualTo(current);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("currentSchemas")
    void shouldReadEveryCommittedVersionWithTheCurrentSchema(Schema current) {
        for (Schema writer : SchemaHistory.versionsOf(current.getName())) {
            var result = SchemaCompatibility.checkReaderWriterCompatibility(current, writer);
            assertThat(result.getType())
                    .as("current %s cannot read a committed version: %s", current.getName(), result.getDescription())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }
}
