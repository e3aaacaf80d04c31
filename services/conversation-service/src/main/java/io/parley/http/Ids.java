package io.parley.http;

/** What an id (user, conversation, message) may look like: 1–128 of letters, digits and {@code _-.:@}. */
public final class Ids {
    public static final String PATTERN = "^[A-Za-z0-9_\\-.:@]{1,128}$";
    public static final String MESSAGE = "must be 1-128 characters of letters, digits and _-.:@";

    private Ids() {
    }
}
