package io.parley.http;

import io.parley.config.Limits;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;

/**
 * The configurable size limits of API.md, and what plain-text fields may hold, checked before a command is
 * sent; each failure is a 400.
 */
@Singleton
public class InputLimits {
    private final Limits limits;

    InputLimits(Limits limits) {
        this.limits = limits;
    }

    public void text(String text) {
        storable("text", text);
        if (text != null && text.length() > limits.textLength()) {
            throw new BadRequest("text is limited to " + limits.textLength() + " characters, got " + text.length());
        }
    }

    public void title(String title) {
        storable("title", title);
        if (title != null && title.length() > limits.titleLength()) {
            throw new BadRequest("title is limited to " + limits.titleLength() + " characters, got "
                    + title.length());
        }
    }

    public void uniqueName(String uniqueName) {
        storable("uniqueName", uniqueName);
    }

    /**
     * Plain-text fields are stored as database text, and PostgreSQL text cannot hold U+0000: refused on
     * every database alike. JSON values (payload, attributes, custom data) keep it, escaped.
     */
    private static void storable(String field, String value) {
        if (value != null && value.indexOf('\u0000') >= 0) {
            throw new BadRequest(field + " must not contain U+0000");
        }
    }

    /** {@code payload} and {@code attributes} of a message together, as JSON text. */
    public void payloadAndAttributes(String payloadJson, String attributesJson) {
        int bytes = bytes(payloadJson) + bytes(attributesJson);
        if (bytes > limits.payloadAndAttributesBytes()) {
            throw new BadRequest("payload and attributes are limited to " + limits.payloadAndAttributesBytes()
                    + " bytes of JSON together, got " + bytes);
        }
    }

    public void customData(String customDataJson) {
        customData("customData", customDataJson);
    }

    /** A custom data field ({@code customData}, {@code privateCustomData}) as JSON text: 16 KiB by default. */
    public void customData(String field, String customDataJson) {
        int bytes = bytes(customDataJson);
        if (bytes > limits.customDataBytes()) {
            throw new BadRequest(field + " is limited to " + limits.customDataBytes() + " bytes of JSON, got "
                    + bytes);
        }
    }

    /** A user's display name: plain text, as long as a title. */
    public void displayName(String displayName) {
        storable("displayName", displayName);
        if (displayName != null && displayName.length() > limits.titleLength()) {
            throw new BadRequest("displayName is limited to " + limits.titleLength() + " characters, got "
                    + displayName.length());
        }
    }

    /** At most this many participants in one request (the conversation's total is the aggregate's rule). */
    public void participants(int count) {
        if (count > limits.participants()) {
            throw new BadRequest("a conversation has at most " + limits.participants() + " participants, got "
                    + count);
        }
    }

    /** The page size asked for, or the default; more than the maximum is refused. */
    public int pageSize(Integer requested) {
        int size = requested == null ? limits.defaultPageSize() : requested;
        if (size > limits.maxPageSize()) {
            throw new BadRequest("at most " + limits.maxPageSize() + " per page, got " + size);
        }
        return size;
    }

    /** Ids in one batch get. */
    public void batchGet(int count) {
        if (count > limits.batchGet()) {
            throw new BadRequest("batchGet takes at most " + limits.batchGet() + " ids, got " + count);
        }
    }

    /** User ids in one users batch get, or one subscribe or unsubscribe request. */
    public void usersBatch(String what, int count) {
        if (count > limits.usersBatchGet()) {
            throw new BadRequest(what + " takes at most " + limits.usersBatchGet() + " user ids, got " + count);
        }
    }

    /** Message ids in one "delete for me" request. */
    public void hiddenMessages(int count) {
        if (count > limits.hiddenPerRequest()) {
            throw new BadRequest("at most " + limits.hiddenPerRequest() + " messageIds per request, got " + count);
        }
    }

    private static int bytes(String json) {
        return json == null ? 0 : json.getBytes(StandardCharsets.UTF_8).length;
    }
}
