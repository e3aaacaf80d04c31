package io.parley.read.favourites;

import io.parley.config.CommandRole;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.parley.conversation.ConversationRejectedException;
import io.parley.http.Caller;
import io.parley.http.InputLimits;
import io.parley.persistence.Database;
import io.parley.persistence.Sql;
import io.parley.read.history.HistoryAsSeen;
import io.parley.read.history.MessageQueries;
import io.parley.read.visibility.ReadWindows;
import io.parley.read.visibility.SyncCursors;
import io.parley.read.visibility.ViewConsistency;
import jakarta.validation.constraints.Min;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.parley.http.ProblemResponses;
import io.parley.http.ReadParameters;
import io.swagger.v3.oas.annotations.media.Schema;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.swagger.v3.oas.annotations.media.Schema.RequiredMode.REQUIRED;

/**
 * {@code GET /v1/users/me/favourites}: the caller's favourite messages, the latest added first, each with the
 * message as the caller may read it now (edits applied, a removed one as its tombstone). A favourite whose
 * message the caller can no longer read (outside their range, cleared or deleted for them) is left out.
 */
@CommandRole
@Controller("/v1/users/me/favourites")
@Secured(SecurityRule.IS_AUTHENTICATED)
@Tag(name = "Private state")
@ProblemResponses.Authenticated
public class FavouritesController {
    private final Database database;
    private final ReadWindows windows;
    private final MessageQueries messages;
    private final HistoryAsSeen seen;
    private final InputLimits limits;
    private final ViewConsistency consistency;

    FavouritesController(Database database, ReadWindows windows, MessageQueries messages, HistoryAsSeen seen,
                         InputLimits limits, ViewConsistency consistency) {
        this.database = database;
        this.windows = windows;
        this.messages = messages;
        this.seen = seen;
        this.limits = limits;
        this.consistency = consistency;
    }

    @Serdeable
    @Schema(name = "Favourite")
    record Favourite(String conversationId, String messageId, Instant addedAt, MessageQueries.HistoryItem message) {
    }

    @Serdeable
    @Schema(name = "FavouritePage")
    record Favourites(List<Favourite> favourites, @Nullable @Schema(requiredMode = REQUIRED) String nextCursor) {
    }

    private record Row(String conversationId, String messageId, long addedSequence, Instant addedAt) {
    }

    @Get
    @Operation(operationId = "listFavourites", summary = "The caller's favourite messages",
            description = "The latest added first, each with the message as the caller may read it now (edits "
                    + "applied, a removed one as its tombstone); those the caller can no longer read are left out.")
    @ReadParameters.Consistent
    HttpResponse<Favourites> favourites(@ReadParameters.PageSize @QueryValue @Nullable @Min(1) Integer pageSize,
                                        @ReadParameters.Cursor @QueryValue @Nullable String cursor,
                                        @ReadParameters.MinCursor @QueryValue @Nullable String minCursor,
                                        Authentication authentication) {
        int size = limits.pageSize(pageSize);
        Caller caller = Caller.of(authentication);
        long deadline = ViewConsistency.deadline();
        boolean reached = consistency.awaitCursor(caller.userId(), SyncCursors.syncPosition(minCursor), deadline);
        long before = cursor == null || cursor.isBlank() ? Long.MAX_VALUE : Long.parseLong(SyncCursors.decode(cursor, "f"));
        List<Favourite> favourites = new ArrayList<>();
        String next = null;
        // favourites the caller can no longer read are skipped, so a page may take more than one look
        while (next == null) {
            List<Row> rows = rows(caller.userId(), before, size + 1);
            for (int i = 0; i < rows.size() && next == null; i++) {
                Row row = rows.get(i);
                if (favourites.size() == size) {
                    next = SyncCursors.encode("f", Long.toString(before));
                } else {
                    readable(row, caller, deadline).ifPresent(message -> favourites.add(
                            new Favourite(row.conversationId(), row.messageId(), row.addedAt(), message)));
                    before = row.addedSequence();
                }
            }
            if (rows.size() <= size) {
                break;
            }
        }
        Favourites answer = new Favourites(favourites, next);
        return reached ? HttpResponse.ok(answer) : HttpResponse.ok(answer).header(ViewConsistency.HEADER,
                ViewConsistency.PENDING);
    }

    /** The user's favourites added before {@code before}, newest first, at most {@code limit}. */
    private List<Row> rows(String userId, long before, int limit) {
        return Sql.query(database.dataSource(), "SELECT conversation_id, message_id, added_sequence, added_at_millis "
                + "FROM favourite_view WHERE user_id = ? AND added_sequence < ? ORDER BY added_sequence DESC LIMIT "
                + limit, result -> {
            List<Row> page = new ArrayList<>();
            while (result.next()) {
                page.add(new Row(result.getString(1), result.getString(2), result.getLong(3),
                        Instant.ofEpochMilli(result.getLong(4))));
            }
            return page;
        }, userId, before);
    }

    private Optional<MessageQueries.HistoryItem> readable(Row row, Caller caller, long deadline) {
        return windows.readIfReadable(row.conversationId(), caller, deadline, window -> {
            try {
                return Optional.of(seen.asSeen(row.conversationId(),
                        messages.visibleMessage(row.conversationId(), row.messageId(), window), window.readable()));
            } catch (ConversationRejectedException notReadable) {
                return Optional.<MessageQueries.HistoryItem>empty();
            }
        }).flatMap(ReadWindows.Answer::body);
    }
}
