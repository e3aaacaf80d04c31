package io.parley.support;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A WebSocket client (RFC 6455) on a plain socket, for what the JDK's client cannot do: offer
 * {@code permessage-deflate} (RFC 7692), send a frame compressed or fragmented as the test says, set any header,
 * and see the close code. Server frames are inflated when they come compressed.
 */
public final class RawWebSocket implements AutoCloseable {
    public static final int TEXT = 1;
    public static final int CONTINUATION = 0;
    public static final int BINARY = 2;
    public static final int CLOSE = 8;
    public static final int PING = 9;
    private static final SecureRandom RANDOM = new SecureRandom();
    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final int status;
    private final Map<String, String> responseHeaders;
    private final Inflater inflater = new Inflater(true);
    private final Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    private long deadline;

    /** One frame from the server; {@code closeCode} is set for a close frame. */
    public record Frame(int opcode, String text, int closeCode) {
    }

    private RawWebSocket(URI base, String pathAndQuery, Map<String, String> headers) throws IOException {
        socket = new Socket(base.getHost(), base.getPort());
        socket.setSoTimeout(30_000);
        in = new DataInputStream(socket.getInputStream());
        out = socket.getOutputStream();
        StringBuilder request = new StringBuilder("GET " + pathAndQuery + " HTTP/1.1\r\n")
                .append("Host: ").append(base.getHost()).append(':').append(base.getPort()).append("\r\n")
                .append("Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n")
                .append("Sec-WebSocket-Key: ").append(Base64.getEncoder().encodeToString(bytes(16))).append("\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        out.write(request.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        String statusLine = line();
        status = Integer.parseInt(statusLine.split(" ")[1]);
        responseHeaders = new LinkedHashMap<>();
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            responseHeaders.put(header.substring(0, colon).trim().toLowerCase(), header.substring(colon + 1).trim());
        }
    }

    /** Opens {@code pathAndQuery} with these extra request headers; the handshake's answer is in {@link #status()}. */
    public static RawWebSocket open(URI base, String pathAndQuery, Map<String, String> headers) {
        try {
            return new RawWebSocket(base, pathAndQuery, headers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int status() {
        return status;
    }

    /** A response header of the handshake (lower-case name), or null. */
    public String header(String name) {
        return responseHeaders.get(name.toLowerCase());
    }

    /** Sends one text message in one frame, compressed when {@code compress} (the extension must be agreed). */
    public void sendText(String text, boolean compress) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        sendFrame(true, compress, TEXT, compress ? deflate(payload) : payload);
    }

    /** Sends one frame as given: {@code rsv1} marks it compressed (RFC 7692 §6). */
    public void sendFrame(boolean fin, boolean rsv1, int opcode, byte[] payload) {
        try {
            ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
            frame.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
            if (payload.length < 126) {
                frame.write(0x80 | payload.length);
            } else if (payload.length < 65_536) {
                frame.write(0x80 | 126);
                frame.write(payload.length >>> 8);
                frame.write(payload.length & 0xff);
            } else {
                frame.write(0x80 | 127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    frame.write((int) ((long) payload.length >>> shift) & 0xff);
                }
            }
            byte[] mask = bytes(4);
            frame.write(mask);
            for (int i = 0; i < payload.length; i++) {
                frame.write(payload[i] ^ mask[i % 4]);
            }
            out.write(frame.toByteArray());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Raw DEFLATE of {@code data} with the trailing empty block removed, as RFC 7692 §7.2.1 sends it. */
    public byte[] deflate(byte[] data) {
        deflater.setInput(data);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
            compressed.write(buffer, 0, n);
        }
        byte[] bytes = compressed.toByteArray();
        return java.util.Arrays.copyOf(bytes, bytes.length - 4);
    }

    /**
     * The next data or close frame from the server (pings are skipped), or null when the connection ended.
     * Fails when none comes within 30 s of the first read of this connection: pings alone never keep a test waiting.
     */
    public Frame read() {
        return read(false);
    }

    private Frame read(boolean pings) {
        if (deadline == 0) {
            deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        }
        try {
            while (true) {
                long left = java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new java.net.SocketTimeoutException("no frame from the server within 30 s");
                }
                socket.setSoTimeout((int) left);
                int first = in.read();
                if (first < 0) {
                    return null;
                }
                int second = in.readUnsignedByte();
                long length = second & 0x7f;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] payload = new byte[Math.toIntExact(length)];
                in.readFully(payload);
                int opcode = first & 0x0f;
                if (opcode == CLOSE) {
                    int code = payload.length >= 2 ? ((payload[0] & 0xff) << 8) | (payload[1] & 0xff) : 1005;
                    return new Frame(CLOSE, new String(payload, Math.min(2, payload.length),
                            Math.max(0, payload.length - 2), StandardCharsets.UTF_8), code);
                }
                if (pings && opcode == PING) {
                    return new Frame(PING, new String(payload, StandardCharsets.UTF_8), 0);
                }
                if (opcode == TEXT || opcode == CONTINUATION || opcode == BINARY) {
                    byte[] data = (first & 0x40) != 0 ? inflate(payload) : payload;
                    return new Frame(opcode, new String(data, StandardCharsets.UTF_8), 0);
                }
            }
        } catch (java.net.SocketException closed) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads until a data frame's text contains {@code part}; null when the connection ends first. */
    public Frame readUntil(String part) {
        for (Frame frame = read(); frame != null; frame = read()) {
            if (frame.opcode() != CLOSE && frame.text().contains(part)) {
                return frame;
            }
        }
        return null;
    }

    /** Reads until a ping from the server and gives its payload; null when the connection ends first. */
    public String awaitPing() {
        for (Frame frame = read(true); frame != null; frame = read(true)) {
            if (frame.opcode() == PING) {
                return frame.text();
            }
        }
        return null;
    }

    /** Reads until the server's close frame and gives its code (1006 when the connection ended without one). */
    public int awaitClose() {
        for (Frame frame = read(); frame != null; frame = read()) {
            if (frame.opcode() == CLOSE) {
                return frame.closeCode();
            }
        }
        return 1006;
    }

    private byte[] inflate(byte[] payload) throws IOException {
        byte[] input = java.util.Arrays.copyOf(payload, payload.length + 4);
        input[payload.length + 2] = (byte) 0xff;
        input[payload.length + 3] = (byte) 0xff;
        inflater.setInput(input);
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            int n;
            while ((n = inflater.inflate(buffer)) > 0) {
                data.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            throw new IOException(e);
        }
        return data.toByteArray();
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the server ended the connection during the handshake");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        inflater.end();
        deflater.end();
    }
}
