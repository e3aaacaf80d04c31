package io.parley.http;

/**
 * The {@code If-Match} header of a conditional write: the conversation's expected last sequence,
 * as a number or an entity tag ({@code "12"}, {@code W/"12"}).
 */
public final class IfMatch {
    private IfMatch() {
    }

    /** The expected sequence, or null when the header is absent. */
    public static Long sequence(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.trim();
        if (value.startsWith("W/")) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        try {
            long sequence = Long.parseLong(value);
            if (sequence < 0) {
                throw new NumberFormatException();
            }
            return sequence;
        } catch (NumberFormatException e) {
            throw new BadRequest("If-Match must be a conversation sequence, got " + header);
        }
    }
}
