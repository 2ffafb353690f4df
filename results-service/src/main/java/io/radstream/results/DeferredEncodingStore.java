package io.radstream.results;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.StateStoreContext;
import org.apache.kafka.streams.query.Position;
import org.apache.kafka.streams.query.PositionBound;
import org.apache.kafka.streams.query.Query;
import org.apache.kafka.streams.query.QueryConfig;
import org.apache.kafka.streams.query.QueryResult;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.internals.CacheFlushListener;
import org.apache.kafka.streams.state.internals.CachedStateStore;

/**
 * A persistent, logged key-value store that keeps the values put since the last commit as objects and
 * encodes each of them into the store beneath (RocksDB and its changelog) once, when the task commits.
 *
 * <p>Why not Kafka Streams' record cache: it holds serialized bytes, so every put encodes the value. A
 * study's report is rewritten for every arrival and finding of the study and grows with it (a 300-slice CT
 * series: some 900 puts of a report that lists 300 images), so encoding per put made folding a series
 * quadratic and was the largest single cost of the stream thread for small studies too. Here a put is a
 * map entry, and a report is encoded once per commit interval.
 *
 * <p>Kafka Streams has no public hook that runs before a commit is written. Like its own caching layer,
 * this store implements the internal {@link CachedStateStore}: the task calls {@link #flushCache()} before
 * it flushes its producer and commits the transaction (Kafka Streams 4.1, {@code StreamTask.prepareCommit}),
 * so the encoded values reach the changelog in the transaction that commits the input offsets
 * (exactly-once v2). {@code DeferredEncodingStoreTest} pins that behaviour for upgrades.
 *
 * <p>Values must not be changed after {@code put}: interactive queries on other threads may hold them.
 * {@link #get} sees the latest put; the iterators ({@code all}, {@code range}, {@code prefixScan}) read the
 * store beneath, that is the state as of the last commit (at most one commit interval old).
 */
final class DeferredEncodingStore<V> implements KeyValueStore<String, V>, CachedStateStore<String, V> {

    private static final Object DELETED = new Object();

    private final KeyValueStore<String, V> encoded;
    private final Map<String, Object> pending = new ConcurrentHashMap<>();

    DeferredEncodingStore(KeyValueStore<String, V> encoded) {
        this.encoded = encoded;
    }

    /** A builder of the store named {@code name}: RocksDB, logged, no record cache (this store is the cache). */
    static <V> StoreBuilder<KeyValueStore<String, V>> builder(String name, Serde<V> valueSerde) {
        return new DeferredEncodingStoreBuilder<>(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(name), Serdes.String(), valueSerde)
                .withCachingDisabled());
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(String key) {
        Object value = pending.get(key);
        if (value == DELETED) {
            return null;
        }
        return value != null ? (V) value : encoded.get(key);
    }

    @Override
    public void put(String key, V value) {
        pending.put(key, value == null ? DELETED : value);
    }

    @Override
    public V putIfAbsent(String key, V value) {
        V current = get(key);
        if (current == null) {
            put(key, value);
        }
        return current;
    }

    @Override
    public void putAll(List<KeyValue<String, V>> entries) {
        entries.forEach(entry -> put(entry.key, entry.value));
    }

    @Override
    public V delete(String key) {
        V current = get(key);
        pending.put(key, DELETED);
        return current;
    }

    /** Encodes every pending value into the store beneath (and so its changelog), then forgets it. */
    @Override
    @SuppressWarnings("unchecked")
    public void flushCache() {
        for (Map.Entry<String, Object> entry : pending.entrySet()) {
            if (entry.getValue() == DELETED) {
                encoded.delete(entry.getKey());
            } else {
                encoded.put(entry.getKey(), (V) entry.getValue());
            }
            pending.remove(entry.getKey(), entry.getValue());
        }
    }

    @Override
    public void clearCache() {
        pending.clear();
    }

    @Override
    public boolean setFlushListener(CacheFlushListener<String, V> listener, boolean sendOldValues) {
        return false;
    }

    @Override
    public void flush() {
        flushCache();
        encoded.flush();
    }

    @Override
    public void init(StateStoreContext context, StateStore root) {
        encoded.init(context, root);
    }

    @Override
    public void close() {
        pending.clear();
        encoded.close();
    }

    @Override
    public KeyValueIterator<String, V> range(String from, String to) {
        return encoded.range(from, to);
    }

    @Override
    public KeyValueIterator<String, V> reverseRange(String from, String to) {
        return encoded.reverseRange(from, to);
    }

    @Override
    public KeyValueIterator<String, V> all() {
        return encoded.all();
    }

    @Override
    public KeyValueIterator<String, V> reverseAll() {
        return encoded.reverseAll();
    }

    @Override
    public <PS extends org.apache.kafka.common.serialization.Serializer<P>, P> KeyValueIterator<String, V> prefixScan(
            P prefix, PS prefixKeySerializer) {
        return encoded.prefixScan(prefix, prefixKeySerializer);
    }

    @Override
    public long approximateNumEntries() {
        return encoded.approximateNumEntries();
    }

    @Override
    public String name() {
        return encoded.name();
    }

    @Override
    public boolean persistent() {
        return encoded.persistent();
    }

    @Override
    public boolean isOpen() {
        return encoded.isOpen();
    }

    @Override
    public <R> QueryResult<R> query(Query<R> query, PositionBound positionBound, QueryConfig config) {
        return encoded.query(query, positionBound, config);
    }

    @Override
    public Position getPosition() {
        return encoded.getPosition();
    }
}
