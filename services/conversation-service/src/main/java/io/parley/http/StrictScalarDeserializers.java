package io.parley.http;

import java.util.ArrayList;
import java.util.List;
import io.micronaut.context.annotation.Factory;
import io.micronaut.core.type.Argument;
import io.micronaut.serde.Decoder;
import io.micronaut.serde.Deserializer;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.math.BigInteger;
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

    /**
     * A list of strings (ids, mentions, event types): every element a JSON string or null (nulls are refused by
     * the field's validation), never a number, boolean, list or object turned into text.
     */
    @Singleton
    Deserializer<List<String>> stringLists() {
        return strict("a JSON array of JSON strings", value -> {
            if (!(value instanceof List<?> items)) {
                return null;
            }
            List<String> strings = new ArrayList<>(items.size());
            for (Object item : items) {
                if (item != null && !(item instanceof String)) {
                    return null;
                }
                strings.add((String) item);
            }
            return strings;
        });
    }

    @Singleton
    Deserializer<Boolean> booleans() {
        return strict("a JSON boolean", value -> value instanceof Boolean b ? b : null);
    }

    /** A JSON integer within the range of a long; {@code 18446744073709551616} is refused, never clamped. */
    @Singleton
    Deserializer<Long> longs() {
        return strict("a JSON integer from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE,
                value -> exactInteger(value, Long.MIN_VALUE, Long.MAX_VALUE));
    }

    @Singleton
    Deserializer<Integer> integers() {
        return strict("a JSON integer from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE, value -> {
            Long exact = exactInteger(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
            return exact == null ? null : exact.intValue();
        });
    }

    /** The value when it is a JSON integer (not a fraction, not a string) within [min, max], else null. */
    private static Long exactInteger(Object value, long min, long max) {
        if (!(value instanceof Long || value instanceof Integer || value instanceof Short
                || value instanceof BigInteger)) {
            return null;
        }
        BigInteger exact = value instanceof BigInteger big ? big : BigInteger.valueOf(((Number) value).longValue());
        return exact.compareTo(BigInteger.valueOf(min)) < 0 || exact.compareTo(BigInteger.valueOf(max)) > 0
                ? null : exact.longValue();
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
