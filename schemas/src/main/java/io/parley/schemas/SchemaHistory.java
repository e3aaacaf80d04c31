package io.parley.schemas;

import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The released versions of the {@code io.parley.events.conversation.ConversationEvent} schema,
 * read from the classpath.
 *
 * <p>Each released version is a self-contained {@code .avsc} file under {@link #DIRECTORY},
 * named {@code ConversationEvent-vN.avsc}, and listed, oldest first, in {@link #INDEX}. A
 * released file is never edited: releasing a new version means adding a file and a line. The
 * codec decodes records written with any of them, and the build checks that the current schema
 * stays fully compatible with all of them.
 */
public final class SchemaHistory {

    /** Classpath directory holding the released schema files. */
    public static final String DIRECTORY = "io/parley/events/conversation/history/";

    /** Classpath resource listing the released files, one name a line, oldest first. */
    public static final String INDEX = DIRECTORY + "index.txt";

    private static final Pattern FILE_NAME = Pattern.compile("ConversationEvent-v(\\d+)\\.avsc");

    /**
     * One released version of the envelope schema.
     *
     * @param number   the version number, from 1
     * @param resource the classpath resource the schema was read from
     * @param schema   the parsed schema
     */
    public record Version(int number, String resource, Schema schema) {

        /** The CRC-64-AVRO fingerprint of this schema, as written in single-object encoding headers. */
        public long fingerprint() {
            return SchemaNormalization.parsingFingerprint64(schema);
        }
    }

    private SchemaHistory() {
    }

    /**
     * The file names listed in the index, oldest first; blank lines and {@code #} comments are skipped.
     *
     * @throws IllegalStateException if the index is missing, empty, or names a file out of order
     */
    public static List<String> list() {
        List<String> names = new ArrayList<>();
        int previous = 0;
        for (String line : readLines(INDEX)) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            int number = numberOf(name);
            if (number <= previous) {
                throw new IllegalStateException(INDEX + " must list versions in increasing order, found "
                        + name + " after v" + previous);
            }
            previous = number;
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException(INDEX + " lists no released version");
        }
        return List.copyOf(names);
    }

    /**
     * Every released version, oldest first. Each file is parsed on its own, since all of them
     * define the same record names.
     */
    public static List<Version> released() {
        List<Version> versions = new ArrayList<>();
        for (String name : list()) {
            versions.add(parse(name));
        }
        return List.copyOf(versions);
    }

    /**
     * The released version with the given number.
     *
     * @throws IllegalArgumentException if the index does not list it
     */
    public static Version load(int number) {
        String name = "ConversationEvent-v" + number + ".avsc";
        if (!list().contains(name)) {
            throw new IllegalArgumentException("Version " + number + " is not listed in " + INDEX);
        }
        return parse(name);
    }

    /** The most recent released version. */
    public static Version latest() {
        List<String> names = list();
        return parse(names.get(names.size() - 1));
    }

    private static Version parse(String name) {
        String resource = DIRECTORY + name;
        try (InputStream in = open(resource)) {
            return new Version(numberOf(name), resource, new Schema.Parser().parse(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static int numberOf(String name) {
        Matcher matcher = FILE_NAME.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalStateException(INDEX + " lists '" + name + "', expected ConversationEvent-vN.avsc");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static List<String> readLines(String resource) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(open(resource), StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
    }

    private static InputStream open(String resource) {
        InputStream in = SchemaHistory.class.getClassLoader().getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("Missing classpath resource " + resource);
        }
        return in;
    }
}
