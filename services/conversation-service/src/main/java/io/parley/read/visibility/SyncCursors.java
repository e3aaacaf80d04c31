package io.parley.read.visibility;

import io.parley.http.BadRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursors of /v1/sync ({@code s}), the inbox ({@code i}) and the public list ({@code p}): base64url
 * of kind and position.
 */
public final class SyncCursors {
    private SyncCursors() {
    }

    public static String encode(String kind, String position) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((kind + ":" + position).getBytes(StandardCharsets.UTF_8));
    }

    public static String decode(String cursor, String kind) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (!decoded.startsWith(kind + ":")) {
                throw new IllegalArgumentException();
            }
            String position = decoded.substring(kind.length() + 1);
            if (kind.equals("s")) {
                Long.parseLong(position);
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw new BadRequest("cursor is not one this server issued");
        }
    }

    /** The position of a sync cursor, or null when none was given. */
    public static Long syncPosition(String cursor) {
        return cursor == null || cursor.isBlank() ? null : Long.valueOf(decode(cursor, "s"));
    }
}
