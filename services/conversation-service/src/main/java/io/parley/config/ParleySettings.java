package io.parley.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code parley.*}: what this process is. The other settings are in the records next to this one, each checked at
 * start ({@link io.micronaut.context.annotation.Context}): a value out of range stops the server with a message
 * naming it.
 *
 * @param dataDir where the embedded database, the embedded broker's data and a generated JWT secret live
 * @param roles   the comma-separated parts this process runs ({@link Roles})
 */
@Context
@ConfigurationProperties("parley")
public record ParleySettings(@NotNull Path dataDir,
                             @NotNull @Pattern(regexp = Roles.LIST, message = "must be a comma-separated list of "
                                     + Roles.NAMES) String roles) {

    public Set<String> roleSet() {
        return Arrays.stream(roles.split(",")).map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }
}
