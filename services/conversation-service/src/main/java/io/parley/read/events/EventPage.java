package io.parley.read.events;

import io.parley.eventlog.EventView;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * A gapless run of a conversation's log: every sequence from {@code from} to {@code to} is in
 * {@code events}. An empty page has {@code to = from - 1}.
 */
@Serdeable
public record EventPage(List<EventView> events, long from, long to, long lastSequence, long retainedFromSequence) {
}
