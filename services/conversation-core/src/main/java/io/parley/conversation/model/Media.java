package io.parley.conversation.model;

/** Metadata of an attachment; the bytes live elsewhere (at {@code url}). */
public record Media(
        String type,
        String url,
        String fileName,
        long size,
        String mimeType,
        Long durationMs,
        String thumbnailUrl,
        String caption) {
}
