package io.parley.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * A number in a request body must come back as the same number on every read path. Integers do, at any
 * size; a number with a fraction or an exponent is carried as an IEEE 754 double, so one that a double
 * cannot hold exactly ({@code 1e400}, {@code 1e-400}, {@code 1.00000000000000000001}) is refused rather
 * than changed (RFC 7493, section 2.2: such numbers belong in strings).
 */
final class ExactNumbers {
    private static final JsonFactory JSON = new JsonFactory();

    private ExactNumbers() {
    }

    /** Null when every number of the (well-formed) body can be kept exactly; otherwise the first that cannot. */
    static String problemWith(byte[] body) {
        try (JsonParser parser = JSON.createParser(body)) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token == JsonToken.VALUE_NUMBER_FLOAT && !keptByDouble(parser.getText())) {
                    return "the number " + parser.getText() + " cannot be kept exactly: numbers with a fraction or "
                            + "exponent must be IEEE 754 doubles (send others as strings)";
                }
            }
            return null;
        } catch (IOException e) {
            // malformed JSON is StrictJsonFilter's to report
            return null;
        }
    }

    private static boolean keptByDouble(String literal) {
        double value = Double.parseDouble(literal);
        return Double.isFinite(value) && new BigDecimal(Double.toString(value)).compareTo(new BigDecimal(literal)) == 0;
    }
}
