package io.parley.axon;

import com.github.benmanes.caffeine.jcache.configuration.CaffeineConfiguration;
import com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.caching.JCacheAdapter;

import javax.cache.CacheManager;
import javax.cache.Caching;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Conversations loaded by commands stay in memory, up to {@code maximumSize} of them (Caffeine's
 * size-based eviction, W-TinyLFU), so a command to a recently used conversation reads nothing from the
 * event store. Axon's caching repository puts an aggregate in after its unit of work commits and takes
 * it out when one rolls back, so a failed batch never leaves a state that was not stored.
 * <p>
 * Held by reference, not copied: JCache stores by value unless told otherwise, which would serialise
 * the aggregate on every load. (The weak-reference cache used before lost every entry at each garbage
 * collection, so under load most commands loaded a snapshot and its tail: see docs/benchmarks.md.)
 */
final class ConversationCache implements AutoCloseable {
    private final CacheManager manager;
    private final String name = "parley-conversations-" + UUID.randomUUID();
    private final Cache axonCache;

    ConversationCache(long maximumSize) {
        if (maximumSize < 1) {
            throw new IllegalArgumentException("parley.command.aggregate-cache-size must be at least 1, not " + maximumSize);
        }
        manager = Caching.getCachingProvider(CaffeineCachingProvider.class.getName()).getCacheManager();
        CaffeineConfiguration<Object, Object> configuration = new CaffeineConfiguration<>();
        configuration.setStoreByValue(false);
        configuration.setMaximumSize(OptionalLong.of(maximumSize));
        axonCache = new JCacheAdapter(manager.createCache(name, configuration));
    }

    Cache axonCache() {
        return axonCache;
    }

    @Override
    public void close() {
        manager.destroyCache(name);
    }
}
