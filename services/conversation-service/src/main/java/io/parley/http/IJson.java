package io.parley.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * The I-JSON rules (RFC 7493) for request bodies, so that whatever is accepted can be stored, published
 * and given back byte for byte:
 * <ul>
 *   <li>valid UTF-8 only (RFC 3629 as the JDK's decoder applies it: overlong forms, surrogates encoded in
 *       UTF-8 and code points above U+10FFFF are malformed), §2.1;</li>
 *   <li>no escaped lone surrogate ({@code "\ud800"}), §2.1;</li>
 *   <li>numbers with a fraction or exponent that an IEEE 754 double holds exactly ({@code 1e400},
 *       {@code 1e-400}, {@code 1.00000000000000000001} are refused rather than changed), §2.2; integers
 *       of any size are kept as written;</li>
 *   <li>member names unique within an object, §2.3 (Jackson's duplicate detection);</li>
 *   <li>exactly one JSON value in the body.</li>
 * </ul>
 * Ranges of numbers depend on the field and are checked where fields are bound
 * ({@link StrictScalarDeserializers}).
 */
public final class IJson {
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private IJson() {
    }

    /** Null when {@code body} is one I-JSON value; otherwise what is wrong with it, for a 400 detail. */
    public static String problemWith(byte[] body) {
        String utf8Problem = utf8ProblemWith(body);
        if (utf8Problem != null) {
            return utf8Problem;
        }
        try (JsonParser parser = JSON.createParser(body)) {
            JsonToken token = parser.nextToken();
            if (token == null) {
                return "Invalid JSON: the body is empty";
            }
            int depth = 0;
            do {
                switch (token) {
                    case START_OBJECT, START_ARRAY -> depth++;
                    case END_OBJECT, END_ARRAY -> depth--;
                    case FIELD_NAME, VALUE_STRING -> {
                        if (hasLoneSurrogate(parser.getText())) {
                            return "Invalid JSON: a lone surrogate escape (RFC 7493 §2.1) at "
                                    + parser.currentTokenLocation().offsetDescription();
                        }
                    }
                    case VALUE_NUMBER_FLOAT -> {
                        if (!keptByDouble(parser.getText())) {
                            return "Invalid JSON: the number " + abbreviated(parser.getText()) + " cannot be kept"
                                    + " exactly: numbers with a fraction or exponent must be IEEE 754 doubles"
                                    + " (RFC 7493 §2.2; send others as strings)";
                        }
                    }
                    default -> {
                    }
                }
                token = depth == 0 ? null : parser.nextToken();
            } while (token != null);
            JsonToken after = parser.nextToken();
            return after == null ? null : "Invalid JSON: unexpected content after the JSON value at "
                    + parser.currentTokenLocation().offsetDescription();
        } catch (JsonProcessingException e) {
            return "Invalid JSON: " + e.getOriginalMessage();
        } catch (IOException e) {
            return "Invalid JSON: " + e.getMessage();
        }
    }

    /** Integers are kept at any size; other numbers travel as doubles and must survive that unchanged. */
    private static boolean keptByDouble(String literal) {
        double value = Double.parseDouble(literal);
        return Double.isFinite(value) && new BigDecimal(Double.toString(value)).compareTo(new BigDecimal(literal)) == 0;
    }

    private static String abbreviated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "…";
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isSurrogate(text.charAt(i))) {
                // the JDK's encoder reports an unpaired surrogate as malformed; only text with surrogates needs it
                return !StandardCharsets.UTF_8.newEncoder().canEncode(text);
            }
        }
        return false;
    }

    private static String utf8ProblemWith(byte[] body) {
        int malformed = StrictUtf8.firstMalformedByte(body);
        return malformed < 0 ? null : "Invalid UTF-8 (RFC 7493 §2.1) at byte " + malformed;
    }
}
