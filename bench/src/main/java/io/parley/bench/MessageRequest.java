package io.parley.bench;

import java.nio.charset.StandardCharsets;
import java.util.Random;

/**
 * The bytes of one {@code POST …/messages}: a pre-built head (path, token, fixed Content-Length) and a body
 * {@code {"messageId":"<uuid>","text":"<100 characters>"}} assembled in place, so that a send allocates nothing.
 */
final class MessageRequest {

    static final int TEXT_LENGTH = 100;
    private static final byte[] BODY_START = "{\"messageId\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY_MIDDLE = "\",\"text\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] BODY_END = "\"}".getBytes(StandardCharsets.US_ASCII);
    static final int BODY_LENGTH = BODY_START.length + 36 + BODY_MIDDLE.length + TEXT_LENGTH + BODY_END.length;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[][] TEXTS = texts(32, new Random(7));

    private MessageRequest() {
    }

    /** Writes head and body into {@code buffer} from 0 and returns the length. */
    static int write(byte[] buffer, byte[] head, long randomHigh, long randomLow, int textIndex) {
        int p = put(buffer, 0, head);
        p = put(buffer, p, BODY_START);
        // a version-4 UUID from the caller's random bits
        writeUuid(buffer, p, (randomHigh & ~0xF000L) | 0x4000L, (randomLow & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L);
        p += 36;
        p = put(buffer, p, BODY_MIDDLE);
        p = put(buffer, p, TEXTS[Math.floorMod(textIndex, TEXTS.length)]);
        return put(buffer, p, BODY_END);
    }

    static void writeUuid(byte[] buffer, int offset, long msb, long lsb) {
        int p = offset;
        for (int nibble = 0; nibble < 32; nibble++) {
            if (nibble == 8 || nibble == 12 || nibble == 16 || nibble == 20) {
                buffer[p++] = '-';
            }
            long word = nibble < 16 ? msb : lsb;
            int shift = 60 - 4 * (nibble % 16);
            buffer[p++] = HEX[(int) (word >>> shift) & 0xF];
        }
    }

    private static int put(byte[] buffer, int offset, byte[] bytes) {
        System.arraycopy(bytes, 0, buffer, offset, bytes.length);
        return offset + bytes.length;
    }

    private static byte[][] texts(int count, Random random) {
        String[] words = {"ship", "the", "release", "notes", "today", "review", "please", "meeting", "moved", "to",
                "three", "thanks", "for", "fixing", "build", "again", "lunch", "later", "sounds", "good", "deploy",
                "staging", "looks", "fine", "on", "my", "side", "can", "you", "check", "logs", "ok"};
        byte[][] texts = new byte[count][];
        for (int i = 0; i < count; i++) {
            StringBuilder sb = new StringBuilder(TEXT_LENGTH + 16);
            while (sb.length() < TEXT_LENGTH) {
                sb.append(words[random.nextInt(words.length)]).append(' ');
            }
            texts[i] = sb.substring(0, TEXT_LENGTH).getBytes(StandardCharsets.US_ASCII);
        }
        return texts;
    }
}
