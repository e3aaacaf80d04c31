package io.parley.read.user;

import java.util.Arrays;
import java.util.List;

/**
 * The push settings column of {@code user_view}: the API event types, comma-separated ({@code ""}: none), or
 * NULL for the default before the user chose, {@value #DEFAULT}. Event types never hold a comma.
 */
final class PushEvents {
    static final String DEFAULT = "message.sent";

    private PushEvents() {
    }

    static String toColumn(List<String> events) {
        return String.join(",", events);
    }

    static List<String> fromColumn(String column) {
        if (column == null) {
            return List.of(DEFAULT);
        }
        return column.isEmpty() ? List.of() : Arrays.asList(column.split(","));
    }
}
