package io.parley.http;

import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Free-form JSON (custom data, payloads, attributes) travels through the domain and Kafka as JSON
 * text; this turns it into text on the way in and back into JSON values on the way out.
 */
@Singleton
public class JsonText {
    private final JsonMapper mapper;

    JsonText(JsonMapper mapper) {
        this.mapper = mapper;
    }

    public String write(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return new String(mapper.writeValueAsBytes(value), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Object read(String text) {
        if (text == null) {
            return null;
        }
        try {
            return mapper.readValue(text, Object.class);
        } catch (IOException e) {
            throw new UncheckedIOException("stored JSON text cannot be read", e);
        }
    }
}
