package io.parley.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;

/**
 * {@code parley.projection}: the read views.
 *
 * @param rebuild drop the views at start and apply the topics from their beginning again
 */
@Context
@ConfigurationProperties("parley.projection")
public record ProjectionSettings(boolean rebuild) {
}
