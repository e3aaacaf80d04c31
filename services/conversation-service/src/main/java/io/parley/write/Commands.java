package io.parley.write;

import io.parley.consistency.RecentWrites;
import io.parley.config.CommandSettings;
import io.parley.conversation.command.ConversationCommand;
import io.parley.conversation.command.SendMessage;
import io.parley.persistence.JdbcTransactions;
import jakarta.inject.Singleton;
import org.axonframework.config.Configuration;
import io.parley.tracing.LogFields;
import io.parley.tracing.Traces;
import io.opentelemetry.api.trace.SpanContext;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventProcessingException;
import org.axonframework.messaging.MetaData;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sends a command and waits for its answer. Failures come back as the domain exception that caused
 * them, not wrapped by the command bus or an event processor, so one handler per cause maps them.
 * <p>
 * The command carries the caller's trace context ({@link Traces}) as metadata, which Axon copies into the
 * metadata of the events it appends (AxonFactory's correlation data), so the relay, projector and gateway
 * continue the request's trace.
 */
@Singleton
public class Commands {
    private final CommandGateway gateway;
    private final ConversationBatcher batcher;
    private final RecentWrites recentWrites;

    Commands(CommandGateway gateway, Configuration axon, JdbcTransactions transactions, CommandSettings settings,
             RecentWrites recentWrites, CommandSideIndex index) {
        this.gateway = gateway;
        this.recentWrites = recentWrites;
        int batch = settings.maxBatch();
        this.batcher = batch > 1 ? new ConversationBatcher(axon.commandBus(), transactions, index, batch,
                settings.batchLanes()) : null;
    }

    public <R> R send(Object command) {
        R answer;
        CommandMessage<?> message = GenericCommandMessage.asCommandMessage(command)
                .andMetaData(MetaData.from(Traces.currentFields()));
        String conversationId = command instanceof ConversationCommand write ? write.conversationId() : null;
        try (LogFields.Scope ignored = LogFields.of(conversationId, SpanContext.getInvalid())) {
            // messages are what arrives in bursts into one conversation: they share transactions
            if (batcher != null && command instanceof SendMessage) {
                answer = batcher.send(message);
            } else {
                answer = gateway.sendAndWait(message);
            }
        } catch (RuntimeException e) {
            throw unwrapped(e);
        }
        if (command instanceof ConversationCommand write) {
            recentWrites.wrote(write.actor().userId(), write.conversationId());
        }
        return answer;
    }

    private static RuntimeException unwrapped(RuntimeException e) {
        Throwable cause = e;
        while ((cause instanceof CommandExecutionException || cause instanceof EventProcessingException
                || cause instanceof ExecutionException || cause instanceof CompletionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof RuntimeException runtime ? runtime : e;
    }
}
