package io.parley.stream;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gateway's open sessions, found by id, by user and by the conversations they follow: an event wakes only the
 * sessions that follow its conversation (or whose user it brings in), not every session of the gateway.
 */
final class Sessions {
    private final Map<String, StreamSession> byId = new ConcurrentHashMap<>();
    private final Map<String, Set<StreamSession>> byUser = new ConcurrentHashMap<>();
    private final Map<String, Set<StreamSession>> byConversation = new ConcurrentHashMap<>();

    void add(StreamSession session) {
        byId.put(session.id(), session);
        byUser.computeIfAbsent(session.caller().userId(), user -> ConcurrentHashMap.newKeySet()).add(session);
    }

    /** The session, if it was still here; it is found no more. */
    StreamSession remove(String sessionId) {
        StreamSession session = byId.remove(sessionId);
        if (session != null) {
            forget(byUser, session.caller().userId(), session);
            session.conversations().keySet().forEach(conversationId -> forget(byConversation, conversationId, session));
        }
        return session;
    }

    /** Called by the session when it starts following a conversation. */
    void followed(StreamSession session, String conversationId) {
        if (byId.containsKey(session.id())) {
            byConversation.computeIfAbsent(conversationId, id -> ConcurrentHashMap.newKeySet()).add(session);
            if (!byId.containsKey(session.id())) {
                // removed meanwhile, perhaps before this conversation was among its own: take it out again
                forget(byConversation, conversationId, session);
            }
        }
    }

    Collection<StreamSession> all() {
        return byId.values();
    }

    Set<StreamSession> ofUser(String userId) {
        return byUser.getOrDefault(userId, Set.of());
    }

    Set<StreamSession> following(String conversationId) {
        return byConversation.getOrDefault(conversationId, Set.of());
    }

    int size() {
        return byId.size();
    }

    private static void forget(Map<String, Set<StreamSession>> index, String key, StreamSession session) {
        index.computeIfPresent(key, (k, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }
}
