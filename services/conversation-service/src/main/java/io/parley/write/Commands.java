package io.parley.write;

import io.parley.consistency.RecentWrites;
import io.parley.config.CommandSettings;
import io.parley.conversation.command.ConversationCommand;
import io.parley.conversation.command.SendMessage;
import io.parley.persistence.JdbcTransactions;
import jakarta.inject.Singleton;
import org.axonframework.config.Configuration;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventProcessingException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Sends a command and waits for its answer. Failures come back as the domain exception that caused
 * them, not wrapped by the command bus or an event processor, so one handler per cause maps them.
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
        try {
            // messages are what arrives in bursts into one conversation: they share transactions
            if (batcher != null && command instanceof SendMessage send) {
                answer = batcher.send(send);
            } else {
                answer = gateway.sendAndWait(command);
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
