package io.parley.http;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The {@code If-Match} header of a conditional write: the expected last sequence of the conversation (or, for
 * the caller's own state under {@code /v1/users/me}, of the user), as a
 * number or a strong entity tag ({@code 12}, {@code "12"}). Comparison is strong (RFC 9110 §13.1.1): a
 * weak tag ({@code W/"12"}) never matches, so the write answers 412 with the current sequence;
 * {@code *} matches any existing conversation.
 */
public final class IfMatch {
    /** An expected sequence that no conversation ever has: what a weak tag stands for. */
    public static final long NEVER_MATCHES = -1;

    private IfMatch() {
    }

    /**
     * The OpenAPI description of an {@code @Header("If-Match")} argument (its 412 is
     * {@link ProblemResponses.ConditionalWrite}); documentation only.
     */
    @java.lang.annotation.Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.PARAMETER)
    @Parameter(description = "Apply the write only if the last sequence (of the conversation; under /v1/users/me, of "
            + "the caller's own events) is still this one: `12` or the strong tag `\"12\"`. `*` or absent: "
            + "unconditional; a weak tag (`W/\"12\"`) never matches. Otherwise 412 with the current `lastSequence`.",
            schema = @Schema(pattern = "^(\\*|[0-9]{1,19}|\"[0-9]{1,19}\"|W/\"[0-9]{1,19}\")$"), example = "12")
    public @interface Described {
    }

    /** The expected sequence, {@link #NEVER_MATCHES} for a weak tag, or null when absent or {@code *}. */
    public static Long sequence(String header) {
        if (header == null) {
            return null;
        }
        String value = header.trim();
        if (value.equals("*")) {
            return null;
        }
        boolean weak = value.startsWith("W/");
        if (weak) {
            value = value.substring(2);
        }
        if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
            value = value.substring(1, value.length() - 1);
        }
        if (value.isEmpty() || value.length() > 19 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new BadRequest("If-Match must be one sequence (a decimal number or \"12\"), got " + header);
        }
        try {
            long sequence = Long.parseLong(value);
            return weak ? NEVER_MATCHES : sequence;
        } catch (NumberFormatException e) {
            throw new BadRequest("If-Match must be a sequence up to " + Long.MAX_VALUE + ", got " + header);
        }
    }
}
