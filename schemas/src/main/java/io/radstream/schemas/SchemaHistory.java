package io.radstream.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.Schema;

/**
 * Every committed version of every event schema, kept as {@code schema-history/<Name>/v<N>.avsc}
 * on the classpath. Each version is a self-contained schema (named types inlined). A schema change
 * adds the next version here; {@code SchemaCompatibilityTest} checks that the current schema reads
 * all of them and that the newest one equals the current schema.
 */
public final class SchemaHistory {

    private static final int MAX_VERSIONS = 1000;

    private SchemaHistory() {
    }

    /** All committed versions of the named schema, oldest first. */
    public static List<Schema> versionsOf(String schemaName) {
        List<Schema> versions = new ArrayList<>();
        for (int v = 1; v <= MAX_VERSIONS; v++) {
            String path = "/schema-history/" + schemaName + "/v" + v + ".avsc";
            try (InputStream in = SchemaHistory.class.getResourceAsStream(path)) {
                if (in == null) {
                    break;
                }
                versions.add(new Schema.Parser().parse(in));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + path, e);
            }
        }
        return versions;
    }
}
