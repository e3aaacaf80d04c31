package io.parley.read.visibility;

import io.parley.http.BadRequest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The opaque cursors of /v1/sync ({@code s}, a {@link SyncPosition}), the inbox ({@code i}) and the public list
 * ({@code p}) and the favourites ({@code f}): base64url of kind and position.
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
                SyncPosition.parse(position);
            } else if (kind.equals("f")) {
                Long.parseLong(position);
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw new BadRequest("cursor is not one this server issued");
        }
    }

    /** The position of a sync cursor, or null when none was given. */
    public static SyncPosition syncPosition(String cursor) {
        return cursor == null || cursor.isBlank() ? null : SyncPosition.parse(decode(cursor, "s"));
    }

    public static String encode(SyncPosition position) {
        return encode("s", position.changes() + "." + position.userEvents());
    }

    /**
     * Where a sync stands: the last conversation change handed out (the views' change cursor) and the last of the
     * user's own events. Written {@code <changes>.<userEvents>}; a cursor of an earlier version holds only
     * {@code <changes>}.
     */
    public record SyncPosition(long changes, long userEvents) {
        public static final SyncPosition START = new SyncPosition(0, 0);

        static SyncPosition parse(String position) {
            int dot = position.indexOf('.');
            long changes = Long.parseLong(dot < 0 ? position : position.substring(0, dot));
            long userEvents = dot < 0 ? 0 : Long.parseLong(position.substring(dot + 1));
            if (changes < 0 || userEvents < 0) {
                throw new IllegalArgumentException("negative position");
            }
            return new SyncPosition(changes, userEvents);
        }
    }
}
