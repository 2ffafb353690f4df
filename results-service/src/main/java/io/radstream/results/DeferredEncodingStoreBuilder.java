package io.radstream.results;

import java.util.Map;

import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;

/** Builds a {@link DeferredEncodingStore} around the RocksDB store its delegate builds; caching is the store's own. */
record DeferredEncodingStoreBuilder<V>(StoreBuilder<KeyValueStore<String, V>> encoded) implements StoreBuilder<KeyValueStore<String, V>> {

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingEnabled() {
        return this;
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withCachingDisabled() {
        throw new UnsupportedOperationException("a deferred-encoding store always caches its values as objects");
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingEnabled(Map<String, String> config) {
        return new DeferredEncodingStoreBuilder<>(encoded.withLoggingEnabled(config));
    }

    @Override
    public StoreBuilder<KeyValueStore<String, V>> withLoggingDisabled() {
        throw new UnsupportedOperationException("a deferred-encoding store is flushed to its changelog at commit");
    }

    @Override
    public KeyValueStore<String, V> build() {
        return new DeferredEncodingStore<>(encoded.build());
    }

    @Override
    public Map<String, String> logConfig() {
        return encoded.logConfig();
    }

    @Override
    public boolean loggingEnabled() {
        return encoded.loggingEnabled();
    }

    @Override
    public String name() {
        return encoded.name();
    }
}
