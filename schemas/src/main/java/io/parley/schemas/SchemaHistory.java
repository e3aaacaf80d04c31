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
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The released versions of one published record schema, read from the classpath.
 *
 * <p>Each released version is a self-contained {@code .avsc} file under {@link #directory()},
 * named {@code <Record>-vN.avsc} after the record's simple name, and listed, oldest first, in
 * {@link #index()}. A released file is never edited: releasing a new version means adding a file
 * and a line. The codecs decode records written with any of them, and the build checks that the
 * current schema stays fully compatible with all of them.
 *
 * <p>The published contracts are {@link #CONVERSATION_EVENTS}, {@link #USER_EVENTS} and
 * {@link #EPHEMERAL_SIGNALS}. Instances are immutable and read the classpath on every call.
 */
public final class SchemaHistory {

    /** Released versions of {@code io.parley.events.conversation.ConversationEvent}. */
    public static final SchemaHistory CONVERSATION_EVENTS = new SchemaHistory(
            "io/parley/events/conversation/history/", "io.parley.events.conversation.ConversationEvent");

    /** Released versions of {@code io.parley.events.user.UserEvent}. */
    public static final SchemaHistory USER_EVENTS = new SchemaHistory(
            "io/parley/events/user/history/", "io.parley.events.user.UserEvent");

    /** Released versions of {@code io.parley.events.ephemeral.EphemeralSignal}. */
    public static final SchemaHistory EPHEMERAL_SIGNALS = new SchemaHistory(
            "io/parley/events/ephemeral/history/", "io.parley.events.ephemeral.EphemeralSignal");

    /** Name of the index file inside a history directory. */
    public static final String INDEX_FILE = "index.txt";

    /**
     * One released version of a record schema.
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

    private final String directory;
    private final String recordName;
    private final String simpleName;
    private final Pattern fileName;

    /**
     * The history of one record schema.
     *
     * @param directory  classpath directory holding the released files and the index, ending with
     *                   {@code /}, e.g. {@code io/parley/events/user/history/}
     * @param recordName full name of the record every released file defines, e.g.
     *                   {@code io.parley.events.user.UserEvent}; its simple name prefixes the file names
     */
    public SchemaHistory(String directory, String recordName) {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(recordName, "recordName");
        if (!directory.endsWith("/") || directory.startsWith("/")) {
            throw new IllegalArgumentException("directory must be a relative classpath directory ending with '/': "
                    + directory);
        }
        this.directory = directory;
        this.recordName = recordName;
        this.simpleName = recordName.substring(recordName.lastIndexOf('.') + 1);
        this.fileName = Pattern.compile(Pattern.quote(simpleName) + "-v(\\d+)\\.avsc");
    }

    /** Classpath directory holding the released schema files, ending with {@code /}. */
    public String directory() {
        return directory;
    }

    /** Classpath resource listing the released files, one name a line, oldest first. */
    public String index() {
        return directory + INDEX_FILE;
    }

    /** Full name of the record, e.g. {@code io.parley.events.user.UserEvent}. */
    public String recordName() {
        return recordName;
    }

    /** Name of the file holding released version {@code number}, e.g. {@code UserEvent-v1.avsc}. */
    public String fileName(int number) {
        return simpleName + "-v" + number + ".avsc";
    }

    /**
     * The file names listed in the index, oldest first; blank lines and {@code #} comments are skipped.
     *
     * @throws IllegalStateException if the index is missing, empty, or names a file out of order
     */
    public List<String> list() {
        List<String> names = new ArrayList<>();
        int previous = 0;
        for (String line : readLines(index())) {
            String name = line.strip();
            if (name.isEmpty() || name.startsWith("#")) {
                continue;
            }
            int number = numberOf(name);
            if (number <= previous) {
                throw new IllegalStateException(index() + " must list versions in increasing order, found "
                        + name + " after v" + previous);
            }
            previous = number;
            names.add(name);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException(index() + " lists no released version");
        }
        return List.copyOf(names);
    }

    /**
     * Every released version, oldest first. Each file is parsed on its own, since all of them
     * define the same record names.
     *
     * @throws IllegalStateException if a listed file is missing or defines another record
     */
    public List<Version> released() {
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
    public Version load(int number) {
        String name = fileName(number);
        if (!list().contains(name)) {
            throw new IllegalArgumentException("Version " + number + " is not listed in " + index());
        }
        return parse(name);
    }

    /** The most recent released version. */
    public Version latest() {
        List<String> names = list();
        return parse(names.get(names.size() - 1));
    }

    @Override
    public String toString() {
        return simpleName + " history (" + directory + ")";
    }

    private Version parse(String name) {
        String resource = directory + name;
        Schema schema;
        try (InputStream in = open(resource)) {
            schema = new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + resource, e);
        }
        if (!recordName.equals(schema.getFullName())) {
            throw new IllegalStateException(resource + " defines " + schema.getFullName() + ", expected " + recordName);
        }
        return new Version(numberOf(name), resource, schema);
    }

    private int numberOf(String name) {
        Matcher matcher = fileName.matcher(name);
        if (!matcher.matches()) {
            throw new IllegalStateException(index() + " lists '" + name + "', expected " + simpleName + "-vN.avsc");
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
