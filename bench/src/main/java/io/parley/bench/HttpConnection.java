package io.parley.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One persistent HTTP/1.1 connection, used by one thread, one request at a time.
 *
 * <p>Deliberately minimal: the generator shares its machine with the server, and a full client's per-request
 * bookkeeping (futures, header maps, selector hand-offs) would be measured as server latency. The caller writes
 * pre-built request bytes; the answer is read just far enough to know its status and where it ends.
 */
final class HttpConnection implements Closeable {

    private static final int TIMEOUT_MILLIS = 30_000;

    private final String host;
    private final int port;
    private final byte[] line = new byte[8192];
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    HttpConnection(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** Status and (when asked for) body of one answer. */
    record Response(int status, byte[] body) {
        String text() {
            return body == null ? "" : new String(body, StandardCharsets.UTF_8);
        }
    }

    /** The request head, ending with the blank line; the body follows it with exactly {@code contentLength} bytes. */
    static byte[] head(String method, String path, String hostHeader, String token, int contentLength) {
        StringBuilder sb = new StringBuilder(256)
                .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(hostHeader).append("\r\n");
        if (token != null) {
            sb.append("Authorization: Bearer ").append(token).append("\r\n");
        }
        sb.append("Content-Type: application/json\r\n")
                .append("Accept: application/json\r\n")
                .append("Content-Length: ").append(contentLength).append("\r\n\r\n");
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** Sends {@code request[0, length)} (head and body) and reads the answer; on failure the connection is dropped. */
    Response exchange(byte[] request, int length, boolean keepBody) throws IOException {
        try {
            if (socket == null) {
                connect();
            }
            out.write(request, 0, length);
            out.flush();
            return read(keepBody);
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    private void connect() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.setSoTimeout(TIMEOUT_MILLIS);
        s.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
        out = s.getOutputStream();
    }

    private Response read(boolean keepBody) throws IOException {
        int n = readLine();
        // "HTTP/1.1 201 Created"
        if (n < 12 || line[8] != ' ') {
            throw new IOException("bad status line: " + new String(line, 0, n, StandardCharsets.US_ASCII));
        }
        int status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        long contentLength = -1;
        boolean chunked = false;
        boolean close = line[7] == '0'; // HTTP/1.0 closes unless told otherwise; good enough here
        while ((n = readLine()) > 0) {
            if (startsWithIgnoreCase(n, "content-length:")) {
                contentLength = Long.parseLong(value(n, "content-length:"));
            } else if (startsWithIgnoreCase(n, "transfer-encoding:")) {
                chunked = value(n, "transfer-encoding:").toLowerCase().contains("chunked");
            } else if (startsWithIgnoreCase(n, "connection:")) {
                close = value(n, "connection:").equalsIgnoreCase("close");
            }
        }
        ByteArrayOutputStream body = keepBody ? new ByteArrayOutputStream() : null;
        if (chunked) {
            long size;
            while ((size = Long.parseLong(firstToken(readLine()), 16)) > 0) {
                copy(size, body);
                readLine();
            }
            while (readLine() > 0) {
                // trailers
            }
        } else if (contentLength > 0) {
            copy(contentLength, body);
        } else if (contentLength < 0 && status >= 200 && status != 204 && status != 304) {
            // no length: the body runs to the end of the connection
            copy(Long.MAX_VALUE, body);
            close = true;
        }
        if (close) {
            close();
        }
        return new Response(status, body == null ? null : body.toByteArray());
    }

    private void copy(long length, ByteArrayOutputStream body) throws IOException {
        long left = length;
        while (left > 0) {
            int r = in.read(line, 0, (int) Math.min(line.length, left));
            if (r < 0) {
                if (length == Long.MAX_VALUE) {
                    return;
                }
                throw new EOFException("connection closed inside a body");
            }
            if (body != null) {
                body.write(line, 0, r);
            }
            left -= r;
        }
    }

    /** Reads one CRLF-terminated line into {@link #line} and returns its length without the CRLF. */
    private int readLine() throws IOException {
        int n = 0;
        while (true) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("connection closed by the server");
            }
            if (b == '\n') {
                return n > 0 && line[n - 1] == '\r' ? n - 1 : n;
            }
            if (n == line.length) {
                throw new IOException("header line longer than " + line.length + " bytes");
            }
            line[n++] = (byte) b;
        }
    }

    private boolean startsWithIgnoreCase(int n, String prefix) {
        if (n < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase(line[i]) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private String value(int n, String name) {
        return new String(line, name.length(), n - name.length(), StandardCharsets.US_ASCII).trim();
    }

    private String firstToken(int n) {
        String s = new String(line, 0, n, StandardCharsets.US_ASCII).trim();
        int semicolon = s.indexOf(';');
        return semicolon < 0 ? s : s.substring(0, semicolon);
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing to recover: the next exchange reconnects
            }
            socket = null;
        }
    }
}
