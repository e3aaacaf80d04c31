package io.parley.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;

/**
 * Drives a running Parley server through its HTTP API and reports accepted messages per second and latency
 * percentiles. See bench/README.md.
 */
public final class LoadGenerator {

    /** Fixed so that the same flags give the same conversation layout. */
    private static final long PLAN_SEED = 42;

    private final BenchArgs args;

    private LoadGenerator(BenchArgs args) {
        this.args = args;
    }

    public static void main(String[] argv) throws Exception {
        if (Arrays.asList(argv).contains("--help") || Arrays.asList(argv).contains("-h")) {
            System.out.print(BenchArgs.USAGE);
            return;
        }
        BenchArgs args;
        try {
            args = BenchArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchArgs.USAGE);
            System.exit(2);
            return;
        }
        System.exit(new LoadGenerator(args).run());
    }

    private int run() throws Exception {
        ConversationPlan plan = args.scenario() == Scenario.HOT
                ? ConversationPlan.hot(args.users())
                : ConversationPlan.many(args.users(), args.conversations(), new Random(PLAN_SEED));
        int[] senderUsers = plan.senders();
        if (senderUsers.length < args.users()) {
            log("%d of %d users have no seat in %d conversations of 2-5 and will not send",
                    args.users() - senderUsers.length, args.users(), plan.members().length);
        }

        // a fresh prefix per run: conversations and users of earlier runs never collide with this one
        String run = "bench-" + Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36 * 36), 36);
        String[] userIds = new String[args.users()];
        for (int u = 0; u < userIds.length; u++) {
            userIds[u] = run + "-u" + u;
        }
        String[] conversationIds = new String[plan.members().length];
        for (int c = 0; c < conversationIds.length; c++) {
            conversationIds[c] = run + "-c" + c;
        }

        Setup setup = new Setup(args.url());
        long setupStart = System.nanoTime();
        String[] tokens = setup.tokens(args.tokenEndpoint(), userIds);
        setup.createConversations(conversationIds, plan, userIds, tokens);
        log("setup: %d tokens, %d conversations in %d ms (not measured)", tokens.length, conversationIds.length,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - setupStart));

        byte[][][] heads = new byte[senderUsers.length][][];
        for (int i = 0; i < senderUsers.length; i++) {
            int u = senderUsers[i];
            int[] own = plan.conversationsOf()[u];
            heads[i] = new byte[own.length][];
            for (int k = 0; k < own.length; k++) {
                heads[i][k] = setup.messageHead(conversationIds[own[k]], tokens[u]);
            }
        }

        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50);
        long measureStart = start + args.warmup().toNanos();
        long end = measureStart + args.duration().toNanos();
        List<Sender> senders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Recorder interval = new Recorder(Sender.MAX_TRACKED_MICROS, 3);
        for (int i = 0; i < args.connections(); i++) {
            ConstantRateSchedule schedule = args.closedLoop()
                    ? null : new ConstantRateSchedule(start, args.rate(), args.connections(), i);
            Sender sender = new Sender(new HttpConnection(setup.host(), setup.port()), heads, schedule,
                    measureStart, end, interval);
            senders.add(sender);
            Thread thread = new Thread(sender, "sender-" + i);
            thread.setDaemon(true);
            threads.add(thread);
        }
        threads.forEach(Thread::start);
        if (!args.reportEvery().isZero()) {
            Thread report = new Thread(new RunningReport(interval, args.reportEvery(), measureStart, end,
                    args.serverPid(), args.url()), "report");
            report.setDaemon(true);
            report.start();
        }

        log("warming up for %.1f s, then measuring for %.1f s", args.warmup().toMillis() / 1000.0,
                args.duration().toMillis() / 1000.0);
        sleepUntil(measureStart);
        CpuMeter cpuFrom = CpuMeter.sample();
        ProcessCpu processesFrom = ProcessCpu.sample(args.serverPid());
        sleepUntil(end);
        CpuMeter cpuTo = CpuMeter.sample();
        ProcessCpu processesTo = ProcessCpu.sample(args.serverPid());
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(60));
        }
        senders.stream().filter(s -> s.lastIoError != null).findFirst()
                .ifPresent(s -> log("last I/O error: %s", s.lastIoError));

        Result result = Result.of(args, conversationIds.length, senders, cpuFrom, cpuTo, processesFrom, processesTo);
        System.out.print(result.humanReadable());
        System.out.println(result.resultLine());
        return result.accepted() > 0 ? 0 : 1;
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.sleep(left);
        }
    }

    private static void log(String format, Object... values) {
        System.err.println(String.format(Locale.ROOT, format, values));
    }
}
