package io.parley.http;

import io.micronaut.context.annotation.Factory;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.util.function.Function;

/**
 * Strings, booleans and integers in request bodies accept only their own JSON type: {@code "text": 5},
 * {@code "direct": "yes"} or {@code "sequence": "27"} is a client error, not a guess.
 */
@Factory
public class StrictScalarDeserializers {

    @Singleton
    Deserializer<String> strings() {
        return strict("a JSON string", value -> value instanceof String text ? text : null);
    }

    @Singleton
    Deserializer<Boolean> booleans() {
        return strict("a JSON boolean", value -> value instanceof Boolean b ? b : null);
    }

    @Singleton
    Deserializer<Long> longs() {
        return strict("a JSON integer", value -> isInteger(value) ? ((Number) value).longValue() : null);
    }

    @Singleton
    Deserializer<Integer> integers() {
        return strict("a JSON integer", value -> isInteger(value) && ((Number) value).longValue() == ((Number) value).intValue()
                ? ((Number) value).intValue() : null);
    }

    private static boolean isInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof java.math.BigInteger;
    }

    private static <T> Deserializer<T> strict(String expected, Function<Object, T> accept) {
        return new Deserializer<>() {
            @Override
            public T deserialize(Decoder decoder, DecoderContext context, Argument<? super T> type) throws IOException {
                Object value = decoder.decodeArbitrary();
                T accepted = value == null ? null : accept.apply(value);
                if (accepted == null) {
                    throw decoder.createDeserializationException("expected " + expected
                            + (type.getName().isEmpty() ? "" : " for " + type.getName()), value);
                }
                return accepted;
            }

            @Override
            public T deserializeNullable(Decoder decoder, DecoderContext context, Argument<? super T> type)
                    throws IOException {
                return decoder.decodeNull() ? null : deserialize(decoder, context, type);
            }

            @Override
            public boolean allowNull() {
                return true;
            }
        };
    }
}
