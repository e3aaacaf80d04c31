-- Each user's conversations, for the inbox (ordered by last activity) and /v1/sync (changed since a cursor).
-- change_cursor comes from one sequence, taken by the projector as it applies an event to the user's row.
CREATE SEQUENCE inbox_change_cursor;

CREATE TABLE inbox_view (
    user_id                VARCHAR(255) NOT NULL,
    conversation_id        VARCHAR(255) NOT NULL,
    last_activity_sequence BIGINT       NOT NULL,
    last_activity_millis   BIGINT       NOT NULL,
    change_cursor          BIGINT       NOT NULL,
    PRIMARY KEY (user_id, conversation_id)
);
CREATE INDEX inbox_view_activity ON inbox_view (user_id, last_activity_millis, conversation_id);
CREATE INDEX inbox_view_changes ON inbox_view (user_id, change_cursor);
