package io.parley.write;

import io.parley.conversation.ConversationRejectedException;
import io.parley.conversation.command.SendMessage;
import io.parley.persistence.JdbcTransactions;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs sends that arrive together for the same conversations in one transaction: one lock acquisition,
 * one look-up of the message ids they name and one commit for the batch instead of one per message. Commands are spread over lanes
 * by conversation; each lane has a thread of its own that runs what is queued in it, batch after batch,
 * while the request threads wait for their answers. (A request thread that drained the lane itself, as
 * before, kept draining for others under sustained load and answered its own client seconds late.)
 * <p>
 * Every command of a batch is answered only after the batch committed. A command refused by the rules
 * is answered with its refusal and the others go on (it wrote nothing); any other failure rolls the
 * whole batch back and fails every command in it, which clients retry with the same message ids.
 */
final class ConversationBatcher {
    private final Lane[] lanes;
    private final CommandBus commandBus;
    private final JdbcTransactions transactions;
    private final CommandSideIndex index;
    private final int maxBatch;

    ConversationBatcher(CommandBus commandBus, JdbcTransactions transactions, CommandSideIndex index, int maxBatch,
                        int lanes) {
        this.commandBus = commandBus;
        this.transactions = transactions;
        this.index = index;
        this.maxBatch = maxBatch;
        this.lanes = new Lane[lanes];
        for (int i = 0; i < lanes; i++) {
            this.lanes[i] = new Lane(i);
        }
    }

    private static final class Lane {
        final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
        final AtomicBoolean draining = new AtomicBoolean();
        final ExecutorService runner;

        Lane(int index) {
            runner = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "parley-command-lane-" + index);
                thread.setDaemon(true);
                return thread;
            });
        }
    }

    private static final class Pending {
        final CommandMessage<?> message;
        final SendMessage command;
        final CompletableFuture<Object> answer = new CompletableFuture<>();
        Object result;
        Throwable refusal;
        RuntimeException failure;

        Pending(CommandMessage<?> message) {
            this.message = message;
            this.command = (SendMessage) message.getPayload();
        }
    }

    /** Sends {@code message}, a {@link SendMessage} with its metadata, and waits for its answer. */
    <R> R send(CommandMessage<?> message) {
        Pending pending = new Pending(message);
        Lane lane = lanes[Math.floorMod(pending.command.conversationId().hashCode(), lanes.length)];
        lane.queue.add(pending);
        if (lane.draining.compareAndSet(false, true)) {
            lane.runner.execute(() -> drainWhileQueued(lane));
        }
        try {
            @SuppressWarnings("unchecked")
            R result = (R) pending.answer.get();
            return result;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a command", e);
        }
    }

    /** On the lane's thread, until its queue is empty; a command queued as it stops starts it again. */
    private void drainWhileQueued(Lane lane) {
        do {
            try {
                drain(lane);
            } finally {
                lane.draining.set(false);
            }
        } while (!lane.queue.isEmpty() && lane.draining.compareAndSet(false, true));
    }

    private void drain(Lane lane) {
        List<Pending> batch = new ArrayList<>(maxBatch);
        Pending next;
        while ((next = lane.queue.poll()) != null) {
            batch.add(next);
            if (batch.size() == maxBatch) {
                run(batch);
                batch.clear();
            }
        }
        if (!batch.isEmpty()) {
            run(batch);
        }
    }

    private void run(List<Pending> batch) {
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(null);
        unitOfWork.attachTransaction(transactions);
        try {
            unitOfWork.execute(() -> {
                index.lookUpAhead(batch.stream().map(pending -> pending.command).toList());
                batch.forEach(this::dispatch);
                for (Pending pending : batch) {
                    if (pending.failure != null) {
                        throw pending.failure;
                    }
                }
            });
        } catch (RuntimeException e) {
            batch.forEach(pending -> pending.answer.completeExceptionally(e));
            return;
        }
        for (Pending pending : batch) {
            if (pending.refusal != null) {
                pending.answer.completeExceptionally(pending.refusal);
            } else {
                pending.answer.complete(pending.result);
            }
        }
    }

    /** In the batch's unit of work: a refusal is kept for its command, anything else aborts the batch. */
    private void dispatch(Pending pending) {
        commandBus.dispatch(pending.message,
                (message, result) -> {
                    if (!result.isExceptional()) {
                        pending.result = result.getPayload();
                    } else if (isRefusal(result.exceptionResult())) {
                        pending.refusal = result.exceptionResult();
                    } else {
                        pending.failure = result.exceptionResult() instanceof RuntimeException runtime ? runtime
                                : new IllegalStateException(result.exceptionResult());
                    }
                });
    }

    private static boolean isRefusal(Throwable failure) {
        return failure instanceof ConversationRejectedException || failure instanceof AggregateNotFoundException;
    }
}
