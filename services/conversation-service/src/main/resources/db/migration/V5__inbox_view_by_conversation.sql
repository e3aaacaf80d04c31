-- The projector updates the inbox rows of one conversation's participants on every batch: without an index
-- leading with conversation_id each of those updates scanned every user's rows (the cost of one event grew
-- with the size of the service).
CREATE INDEX inbox_view_conversation ON inbox_view (conversation_id, user_id);
