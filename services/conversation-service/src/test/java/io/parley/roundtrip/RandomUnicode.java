package io.parley.roundtrip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;

/**
 * Random valid Unicode text and JSON values for round-trip tests: every plane, combining marks, RTL and
 * bidi controls, ZWJ emoji sequences, noncharacters, controls, and numbers that doubles cannot hold.
 * Never a lone surrogate: that is not Unicode text (the boundary refuses it).
 */
final class RandomUnicode {
    /** Whole sequences that must survive as they are: ZWJ emoji, flags, keycaps, skin tones, bidi. */
    private static final List<String> SEQUENCES = List.of(
            "\uD83D\uDC69\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66", // family: woman, woman, girl, boy
            "\uD83C\uDFF3\uFE0F\u200D\uD83C\uDF08", // rainbow flag
            "\uD83D\uDC68\uD83C\uDFFD\u200D\uD83D\uDCBB", // technologist, medium skin tone
            "\uD83C\uDDEB\uD83C\uDDF7", // regional indicators F R
            "1\uFE0F\u20E3", // keycap 1
            "\uD83C\uDFF4\uDB40\uDC67\uDB40\uDC62\uDB40\uDC73\uDB40\uDC63\uDB40\uDC74\uDB40\uDC7F", // tag sequence
            "\u05E9\u05DC\u05D5\u05DD", // Hebrew
            "\u0645\u0631\u062D\u0628\u0627", // Arabic
            "\u202Eevil\u202C", "\u200F\u200E\u2066\u2069", // bidi overrides, marks and isolates
            "e\u0301\u0302\u0323", "\u1100\u1161\u11A8", // combining marks, conjoining jamo
            "\uFEFF", "\u2028\u2029", "\u00A0\u2007\u202F", // BOM, JS line terminators, no-break spaces
            "\"\\/\b\f\n\r\t", "</script>", "\u007F\u0080\u009F");

    /** Code point ranges to draw from; the last ones are noncharacters, which some peers refuse (I-JSON). */
    private static final int[][] RANGES = {
            {0x20, 0x7E}, {0x01, 0x1F}, {0xA0, 0x2FF}, {0x300, 0x36F}, {0x370, 0x7FF}, {0x800, 0xD7FF},
            {0xE000, 0xF8FF}, {0xF900, 0xFFFD}, {0x10000, 0x1FFFD}, {0x1F300, 0x1FAFF}, {0x20000, 0x2FFFD},
            {0xE0000, 0xE01EF}, {0xF0000, 0xFFFFD}, {0x100000, 0x10FFFD}};
    private static final int[] NONCHARACTERS = {0xFFFE, 0xFFFF, 0xFDD0, 0xFDEF, 0x1FFFE, 0x1FFFF, 0x10FFFF};
    /** Numbers that survive a round trip: integers of any size, and what an IEEE 754 double holds exactly. */
    private static final List<String> NUMBERS = List.of("0", "-1", "42", "2147483648", "9007199254740993",
            "9223372036854775807", "-9223372036854775808", "12345678901234567890", "-98765432109876543210987",
            "0.1", "-0.5", "1.5e-7", "3.141592653589793", "1E+2", "6.02214076e23", "4.9e-324",
            "1.7976931348623157e308", "100.000", "-0.0", "0.30000000000000004");
    /** Numbers a double cannot hold: out of range, below its smallest value, or more precise. */
    static final List<String> INEXACT_NUMBERS = List.of("1e400", "-2.5E-400", "5e-324", "1.00000000000000000001",
            "0.1000000000000000055511151231257827");

    private final Random random;
    private final boolean noncharacters;
    private final boolean nul;
    private final boolean inexactNumbers;

    /**
     * @param noncharacters  whether strings may hold noncharacters (U+FFFE, U+FFFF, U+FDD0…, U+10FFFF)
     * @param nul            whether strings may hold U+0000
     * @param inexactNumbers whether JSON values may hold numbers that a double cannot hold exactly
     */
    RandomUnicode(Random random, boolean noncharacters, boolean nul, boolean inexactNumbers) {
        this.random = random;
        this.noncharacters = noncharacters;
        this.nul = nul;
        this.inexactNumbers = inexactNumbers;
    }

    /** Text of up to {@code maxCodePoints} code points (never more than twice that in UTF-16 units). */
    String text(int maxCodePoints) {
        StringBuilder text = new StringBuilder();
        int target = random.nextInt(maxCodePoints + 1);
        while (text.codePointCount(0, text.length()) < target) {
            int kind = random.nextInt(10);
            if (kind == 0) {
                String sequence = SEQUENCES.get(random.nextInt(SEQUENCES.size()));
                if (text.codePointCount(0, text.length()) + sequence.codePointCount(0, sequence.length()) > target) {
                    break;
                }
                text.append(sequence);
            } else if (kind == 1 && noncharacters) {
                text.appendCodePoint(NONCHARACTERS[random.nextInt(NONCHARACTERS.length)]);
            } else if (kind == 2 && nul) {
                text.append('\u0000');
            } else {
                int[] range = RANGES[random.nextInt(RANGES.length)];
                text.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
            }
        }
        return text.toString();
    }

    /** A non-empty text (some fields treat {@code ""} as "remove"). */
    String nonEmptyText(int maxCodePoints) {
        String text = text(maxCodePoints);
        return text.isEmpty() ? "\uD83D\uDE00" : text;
    }

    /** An object of up to {@code width} members, nested up to {@code depth}. */
    ObjectNode object(int width, int depth) {
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        int members = random.nextInt(width + 1);
        for (int i = 0; i < members; i++) {
            object.set(text(12), value(width, depth - 1));
        }
        return object;
    }

    /** A non-empty array of objects, as a message payload. */
    ArrayNode payload() {
        ArrayNode payload = JsonNodeFactory.instance.arrayNode();
        int items = 1 + random.nextInt(3);
        for (int i = 0; i < items; i++) {
            payload.add(object(4, 3));
        }
        return payload;
    }

    private JsonNode value(int width, int depth) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        int kind = random.nextInt(depth > 0 ? 7 : 5);
        return switch (kind) {
            case 0 -> nodes.textNode(text(40));
            case 1 -> number(inexactNumbers && random.nextInt(10) == 0
                    ? INEXACT_NUMBERS.get(random.nextInt(INEXACT_NUMBERS.size()))
                    : NUMBERS.get(random.nextInt(NUMBERS.size())));
            case 2 -> nodes.booleanNode(random.nextBoolean());
            case 3 -> nodes.nullNode();
            case 4 -> nodes.textNode(text(8));
            case 5 -> object(width, depth);
            default -> {
                ArrayNode array = nodes.arrayNode();
                int items = random.nextInt(width + 1);
                for (int i = 0; i < items; i++) {
                    array.add(value(width, depth - 1));
                }
                yield array;
            }
        };
    }

    private static JsonNode number(String literal) {
        boolean integral = literal.chars().allMatch(c -> c == '-' || Character.isDigit(c));
        // exact: -0.0 and 100.000 are sent as written
        return integral ? JsonNodeFactory.instance.numberNode(new BigInteger(literal))
                : JsonNodeFactory.withExactBigDecimals(true).numberNode(new BigDecimal(literal));
    }

    /** Whether {@code json} holds a number with a fraction or exponent that a double cannot hold exactly. */
    static boolean hasInexactNumber(JsonNode json) {
        if (json.isBigDecimal()) {
            double value = json.decimalValue().doubleValue();
            return !Double.isFinite(value)
                    || new BigDecimal(Double.toString(value)).compareTo(json.decimalValue()) != 0;
        }
        for (JsonNode child : json) {
            if (hasInexactNumber(child)) {
                return true;
            }
        }
        return false;
    }
}
