package dev.tocsin.local.transactions;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * {@code ./tocsin transactions ...}: the operator's view of open Kafka transactions, like Kafka's
 * {@code kafka-transactions.sh}, against any cluster (default: the local stack's broker).
 * <pre>
 *   list          [--bootstrap-server H:P] [--topic T]...                  every open transaction
 *   find-hanging  [--bootstrap-server H:P] [--topic T]... [--older-than D] open longer than D (default 15m,
 *                                                                         the broker's transaction.max.timeout.ms)
 *                                                                         and no coordinator will end them
 *   abort         [--bootstrap-server H:P] --topic T --partition N --start-offset O
 * </pre>
 * Durations are ISO-8601 ({@code PT2M}) or a number with s, m or h ({@code 90s}, {@code 2m}).
 */
public final class TransactionsCommand {

    static final Duration DEFAULT_OLDER_THAN = Duration.ofMinutes(15);
    private static final String USAGE = """
            usage: tocsin transactions list         [--bootstrap-server HOST:PORT] [--topic TOPIC]...
                   tocsin transactions find-hanging [--bootstrap-server HOST:PORT] [--topic TOPIC]... [--older-than 15m]
                   tocsin transactions abort        [--bootstrap-server HOST:PORT] --topic TOPIC --partition N --start-offset OFFSET""";

    private TransactionsCommand() {}

    public static void main(String[] args) throws Exception {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs one command; returns the exit status (0 done, 1 failed, 2 usage). */
    static int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length == 0) {
            err.println(USAGE);
            return 2;
        }
        String bootstrap = System.getenv()
                .getOrDefault(
                        "KAFKA_BOOTSTRAP_SERVERS",
                        "127.0.0.1:" + System.getenv().getOrDefault("TOCSIN_LOCAL_KAFKA_PORT", "9092"));
        List<String> topics = new ArrayList<>();
        Duration olderThan = DEFAULT_OLDER_THAN;
        Integer partition = null;
        Long startOffset = null;
        try {
            for (int i = 1; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                if (value == null) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                switch (args[i++]) {
                    case "--bootstrap-server" -> bootstrap = value;
                    case "--topic" -> topics.add(value);
                    case "--older-than" -> olderThan = duration(value);
                    case "--partition" -> partition = Integer.parseInt(value);
                    case "--start-offset" -> startOffset = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
                }
            }
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage() + "\n" + USAGE);
            return 2;
        }
        try (Admin admin = Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG,
                30_000))) {
            TransactionInspector inspector = new TransactionInspector(admin, Clock.systemUTC());
            switch (args[0]) {
                case "list" -> print(inspector.open(topics), olderThan, "No open transactions.", out);
                case "find-hanging" ->
                    print(
                            inspector.hanging(topics, olderThan),
                            olderThan,
                            "No hanging transactions (open longer than " + olderThan
                                    + " with no coordinator to end them).",
                            out);
                case "abort" -> {
                    if (topics.size() != 1 || partition == null || startOffset == null) {
                        err.println("abort needs --topic, --partition and --start-offset\n" + USAGE);
                        return 2;
                    }
                    OpenTransaction aborted =
                            inspector.abort(new TopicPartition(topics.get(0), partition), startOffset);
                    out.println("Aborted: " + aborted.describe(olderThan));
                }
                default -> {
                    err.println("unknown command " + args[0] + "\n" + USAGE);
                    return 2;
                }
            }
            return 0;
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 1;
        }
    }

    private static void print(List<OpenTransaction> transactions, Duration olderThan, String none, PrintStream out) {
        if (transactions.isEmpty()) {
            out.println(none);
        }
        transactions.forEach(t -> out.println(t.describe(olderThan)));
    }

    /** {@code PT2M}, or a number followed by s, m or h. */
    static Duration duration(String text) {
        if (text.startsWith("P") || text.startsWith("p")) {
            return Duration.parse(text);
        }
        long amount = Long.parseLong(text.substring(0, text.length() - 1));
        return switch (text.charAt(text.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            default -> throw new IllegalArgumentException("duration " + text + ": use e.g. 90s, 2m, 1h or PT2M");
        };
    }
}
