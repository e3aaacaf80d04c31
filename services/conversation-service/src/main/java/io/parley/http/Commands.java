package io.parley.http;

import jakarta.inject.Singleton;
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

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command) {
        try {
            return gateway.sendAndWait(command);
        } catch (RuntimeException e) {
            throw unwrapped(e);
        }
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
