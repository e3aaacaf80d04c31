package io.parley.http;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 as RFC 3629 defines it, decoded by the JDK's decoder set to report rather than replace: overlong
 * forms ({@code C0 AF}), surrogates encoded in UTF-8 ({@code ED A0 80}) and code points above U+10FFFF
 * ({@code F4 90 80 80}) are malformed.
 */
final class StrictUtf8 {
    private StrictUtf8() {
    }

    /** The text, or null when {@code bytes} are not valid UTF-8. */
    static String decodeOrNull(byte[] bytes) {
        try {
            return decoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The offset of the first byte that is not valid UTF-8, or -1 when all are. */
    static int firstMalformedByte(byte[] bytes) {
        ByteBuffer input = ByteBuffer.wrap(bytes);
        try {
            decoder().decode(input);
            return -1;
        } catch (CharacterCodingException e) {
            return input.position();
        }
    }

    private static CharsetDecoder decoder() {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }
}
