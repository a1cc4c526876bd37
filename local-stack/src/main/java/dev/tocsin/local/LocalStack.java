package dev.tocsin.local;

import dev.tocsin.console.ConsoleService;
import dev.tocsin.console.ConsoleSettings;
import dev.tocsin.correlator.CorrelatorService;
import dev.tocsin.correlator.CorrelatorSettings;
import dev.tocsin.embedded.kafka.EmbeddedKafka;
import dev.tocsin.embedded.registry.EmbeddedSchemaRegistry;
import dev.tocsin.ingest.IngestService;
import dev.tocsin.ingest.IngestSettings;
import dev.tocsin.publisher.PublisherService;
import dev.tocsin.publisher.PublisherSettings;
import dev.tocsin.runtime.config.CommonSettings;
import dev.tocsin.runtime.config.Environment;
import dev.tocsin.runtime.config.Setting;
import dev.tocsin.runtime.http.Credentials;
import dev.tocsin.runtime.http.InstanceToken;
import dev.tocsin.runtime.kafka.TopicProvisioner;
import dev.tocsin.runtime.lifecycle.Closer;
import dev.tocsin.schemas.registry.SchemaRegistry;
import dev.tocsin.schemas.serde.AvroSerdes;
import dev.tocsin.schemas.topics.Topics;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./tocsin local}: the whole pipeline on one machine. Starts the embedded KRaft broker and
 * schema registry on fixed ports, creates every topic and registers its value schema, starts
 * every service that exists, prints what runs where, and stops everything cleanly on Ctrl-C.
 * Data lives under {@code .tocsin/}, so a restart keeps topics, schema ids and state.
 */
public final class LocalStack implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalStack.class);

    /** The demo feed's products, as status page components, unless TOCSIN_PUBLISHER_COMPONENTS says otherwise. */
    static final String DEMO_COMPONENTS = "chat=Chat,voice=Voice,talk=Talk,guide=Guide";

    static final String DEMO_GROUPS = "Conversations=chat,voice,talk";

    private final Closer running = new Closer();
    private final Map<String, String> endpoints = new LinkedHashMap<>();
    private final Map<String, String> managementUrls = new LinkedHashMap<>();

    public static void main(String[] args) throws InterruptedException {
        long started = System.nanoTime();
        Environment env = Environment.system();
        LocalStack stack = new LocalStack();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("\nStopping the Tocsin local stack ...");
                            stack.close();
                            stopped.countDown();
                        },
                        "local-stack-shutdown"));
        try {
            stack.start(env);
        } catch (RuntimeException e) {
            LOG.error("The local stack could not start: {}", e.getMessage(), e);
            System.err.println("\nThe local stack could not start: " + e.getMessage());
            System.exit(1);
        }
        stack.printBanner(started);
        stopped.await();
    }

    /** Starts broker, registry, topics, schemas and services, in that order. */
    public void start(Environment env) {
        env.validate(LocalSettings.all());
        String host = env.get(LocalSettings.HOST);
        int kafkaPort = env.get(LocalSettings.KAFKA_PORT);
        int registryPort = env.get(LocalSettings.REGISTRY_PORT);
        Path dataDir = Path.of(env.get(LocalSettings.DATA_DIR)).toAbsolutePath();
        refuseIfTaken(host, kafkaPort, "Kafka", LocalSettings.KAFKA_PORT.env());
        refuseIfTaken(host, registryPort, "the schema registry", LocalSettings.REGISTRY_PORT.env());

        EmbeddedKafka kafka = EmbeddedKafka.builder()
                .dataDir(dataDir.resolve("kafka"))
                .host(host)
                .port(kafkaPort)
                .build()
                .start();
        running.add(kafka);
        endpoints.put("Kafka broker", kafka.bootstrapServers());

        EmbeddedSchemaRegistry registry = EmbeddedSchemaRegistry.builder()
                .bootstrapServers(kafka.bootstrapServers())
                .host(host)
                .port(registryPort)
                .build();
        registry.start();
        running.add(registry);
        endpoints.put("Schema registry", registry.url());

        AvroSerdes serdes = new AvroSerdes(SchemaRegistry.connect(registry.url()));
        Topics topics = Topics.create(env.get(CommonSettings.TOPIC_PREFIX), serdes);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            TopicProvisioner.createTopics(admin, topics, env.get(LocalSettings.PARTITIONS), (short) 1);
        }
        Map<String, Integer> ids = TopicProvisioner.registerSchemas(serdes.registry(), topics);
        LOG.info("Registered {} value schemas: {}", ids.size(), ids);
        endpoints.put("Topics", topics.all().size() + " under prefix '" + env.get(CommonSettings.TOPIC_PREFIX) + "'");

        // one secret for the instances of every service, as a deployment would set it
        Map<String, String> withInternalToken = new java.util.HashMap<>(env.variables());
        withInternalToken.putIfAbsent(
                CommonSettings.INTERNAL_TOKEN.env(), InstanceToken.random().secret());
        env = new Environment(withInternalToken);
        IngestService ingest = IngestService.start(
                serviceEnvironment(
                        env,
                        IngestService.NAME,
                        host,
                        env.get(LocalSettings.INGEST_PORT),
                        IngestSettings.MANAGEMENT_PORT,
                        env.get(LocalSettings.INGEST_MANAGEMENT_PORT),
                        kafka,
                        registry,
                        dataDir),
                () -> LOG.error("alert-ingest's Kafka Streams failed; restart ./tocsin local"));
        running.add(ingest);
        String ingestUrl = "http://" + host + ":" + ingest.port();
        endpoints.put(
                "alert-ingest",
                ingestUrl + "  (POST /api/v1/alerts/alertmanager, /grafana, /pagerduty, /alerts, /reports, ...)");
        CorrelatorService correlator = CorrelatorService.start(
                serviceEnvironment(
                        env,
                        CorrelatorService.NAME,
                        host,
                        env.get(LocalSettings.CORRELATOR_PORT),
                        CorrelatorSettings.MANAGEMENT_PORT,
                        env.get(LocalSettings.CORRELATOR_MANAGEMENT_PORT),
                        kafka,
                        registry,
                        dataDir),
                () -> LOG.error("incident-correlator's Kafka Streams failed; restart ./tocsin local"));
        running.add(correlator);
        endpoints.put(
                "incident-correlator",
                "http://" + host + ":" + correlator.port()
                        + "  (GET /api/v1/incidents, /api/v1/incidents/{id}, /api/v1/tickets/{id})");
        Map<String, String> publisherDefaults = new java.util.HashMap<>(env.variables());
        String publisherUrl = "http://" + host + ":" + env.get(LocalSettings.PUBLISHER_PORT);
        publisherDefaults.putIfAbsent("TOCSIN_PUBLISHER_COMPONENTS", DEMO_COMPONENTS);
        publisherDefaults.putIfAbsent("TOCSIN_PUBLISHER_COMPONENT_GROUPS", DEMO_GROUPS);
        publisherDefaults.putIfAbsent("TOCSIN_PUBLISHER_PAGE_URL", publisherUrl + "/");
        if (!env.isSet(PublisherSettings.CLOCK_INTERVAL)) {
            publisherDefaults.put(PublisherSettings.CLOCK_INTERVAL.env(), "2s");
        }
        PublisherService publisher = PublisherService.start(
                serviceEnvironment(
                        new Environment(publisherDefaults),
                        PublisherService.NAME,
                        host,
                        env.get(LocalSettings.PUBLISHER_PORT),
                        PublisherSettings.MANAGEMENT_PORT,
                        env.get(LocalSettings.PUBLISHER_MANAGEMENT_PORT),
                        kafka,
                        registry,
                        dataDir),
                () -> LOG.error("status-publisher's Kafka Streams failed; restart ./tocsin local"));
        running.add(publisher);
        endpoints.put(
                "status-publisher",
                "http://" + host + ":" + publisher.port()
                        + "  (status page /, /?locale=de|ja, /history.atom, /api/v2/summary.json)");
        ConsoleService console =
                startConsole(env, host, ingestUrl, correlatorUrl(), publisherUrl(), kafka, registry, dataDir);
        running.add(console);
        endpoints.put(
                "ops-console",
                "http://" + host + ":" + console.port() + "/  (log in: operator "
                        + ConsoleSettings.LOCAL_OPERATOR.replace(":", " / ") + ", support "
                        + ConsoleSettings.LOCAL_SUPPORT.replace(":", " / ") + ")");
        managementUrls.put(ConsoleService.NAME, "http://" + host + ":" + console.managementPort());
        managementUrls.put(IngestService.NAME, "http://" + host + ":" + ingest.managementPort());
        managementUrls.put(CorrelatorService.NAME, "http://" + host + ":" + correlator.managementPort());
        managementUrls.put(PublisherService.NAME, "http://" + host + ":" + publisher.managementPort());
        endpoints.put(
                "Management",
                "/metrics /health /ready on http://" + host + ":" + ingest.managementPort()
                        + " (ingest), :" + correlator.managementPort() + " (correlator), :" + publisher.managementPort()
                        + " (publisher), :"
                        + console.managementPort() + " (console)");
        endpoints.put(
                "Ingest token", "Authorization: Bearer " + localToken(env) + "  (also the Zendesk signing secret)");
        endpoints.put(
                "Query API token", "Authorization: Bearer " + queryToken(env) + "  (incident-correlator, operator)");
        endpoints.put("Data directory", dataDir.toString());

        if (env.get(LocalSettings.DEMO)) {
            DemoFeed demo = new DemoFeed(
                    ingestUrl,
                    correlatorUrl(),
                    localToken(env),
                    queryToken(env),
                    env.get(LocalSettings.DEMO_CYCLE),
                    java.time.Clock.systemUTC());
            demo.start();
            running.add(demo);
            endpoints.put(
                    "Demo feed",
                    "a burst of alerts and tickets every "
                            + env.get(LocalSettings.DEMO_CYCLE).toSeconds()
                            + " s (TOCSIN_LOCAL_DEMO=false to turn off)");
        }
    }

    /** The console, talking to the services just started with the tokens they accept. */
    private static ConsoleService startConsole(
            Environment env,
            String host,
            String ingestUrl,
            String correlatorUrl,
            String publisherUrl,
            EmbeddedKafka kafka,
            EmbeddedSchemaRegistry registry,
            Path dataDir) {
        Map<String, String> vars = new java.util.HashMap<>(env.variables());
        vars.putIfAbsent(ConsoleSettings.CORRELATOR_URL.env(), correlatorUrl);
        vars.putIfAbsent(ConsoleSettings.INGEST_URL.env(), ingestUrl);
        vars.putIfAbsent(ConsoleSettings.STATUS_PAGE_URL.env(), publisherUrl);
        // the console's public view reads the publisher's components, as the publisher does
        vars.putIfAbsent(PublisherSettings.COMPONENTS.env(), DEMO_COMPONENTS);
        vars.putIfAbsent(PublisherSettings.COMPONENT_GROUPS.env(), DEMO_GROUPS);
        vars.putIfAbsent(ConsoleSettings.CORRELATOR_TOKEN.env(), queryToken(env));
        vars.putIfAbsent(
                ConsoleSettings.INGEST_TOKEN.env(),
                env.optional(IngestSettings.OPERATOR_TOKENS)
                        .filter(t -> !t.isEmpty())
                        .map(t -> t.get(0))
                        .orElse(Credentials.LOCAL_DEV_TOKEN));
        return ConsoleService.start(
                serviceEnvironment(
                        new Environment(vars),
                        ConsoleService.NAME,
                        host,
                        env.get(LocalSettings.CONSOLE_PORT),
                        ConsoleSettings.MANAGEMENT_PORT,
                        env.get(LocalSettings.CONSOLE_MANAGEMENT_PORT),
                        kafka,
                        registry,
                        dataDir),
                () -> LOG.error("ops-console failed; restart ./tocsin local"));
    }

    /** The environment one in-process service sees: the user's, plus where the local broker, registry and state are. */
    static Environment serviceEnvironment(
            Environment env,
            String service,
            String host,
            int port,
            Setting<Integer> managementPortSetting,
            int managementPort,
            EmbeddedKafka kafka,
            EmbeddedSchemaRegistry registry,
            Path dataDir) {
        Map<String, String> vars = new java.util.HashMap<>(env.variables());
        vars.putIfAbsent("TOCSIN_ENV", "local");
        vars.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        vars.put("TOCSIN_SCHEMA_REGISTRY_URL", registry.url());
        vars.put("TOCSIN_HTTP_HOST", host);
        vars.put("TOCSIN_HTTP_PORT", String.valueOf(port));
        vars.put(managementPortSetting.env(), String.valueOf(managementPort));
        vars.put("TOCSIN_STATE_DIR", dataDir.resolve("state").resolve(service).toString());
        return new Environment(vars);
    }

    private static String localToken(Environment env) {
        return env.optional(IngestSettings.ALERTS_TOKENS)
                .filter(t -> !t.isEmpty())
                .map(t -> t.get(0))
                .orElse(Credentials.LOCAL_DEV_TOKEN);
    }

    /** What the local stack's correlator accepts from an operator: the first configured token, else the dev token. */
    private static String queryToken(Environment env) {
        return env.optional(CorrelatorSettings.OPERATOR_TOKENS)
                .filter(t -> !t.isEmpty())
                .map(t -> t.get(0))
                .orElse(Credentials.LOCAL_DEV_TOKEN);
    }

    /** Where incident-correlator answers, once started. */
    public String correlatorUrl() {
        String line = endpoints.get("incident-correlator");
        return line == null ? null : line.split(" ")[0];
    }

    /** Where status-publisher answers, once started. */
    public String publisherUrl() {
        String line = endpoints.get("status-publisher");
        return line == null ? null : line.split(" ")[0];
    }

    /** Where alert-ingest answers, once started. */
    public String ingestUrl() {
        String line = endpoints.get("alert-ingest");
        return line == null ? null : line.split(" ")[0];
    }

    /** Where {@code service}'s /metrics, /health and /ready answer, once started. */
    public String managementUrl(String service) {
        return managementUrls.get(service);
    }

    /** Where the schema registry answers, once started. */
    public String registryUrl() {
        return endpoints.get("Schema registry");
    }

    /** Where the broker answers, once started. */
    public String bootstrapServers() {
        return endpoints.get("Kafka broker");
    }

    private void printBanner(long startedNanos) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        long jvmMillis = ManagementFactory.getRuntimeMXBean().getUptime();
        Runtime rt = Runtime.getRuntime();
        long usedMb = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
        StringBuilder out = new StringBuilder("\n  Tocsin local stack is up (stack " + millis + " ms, JVM " + jvmMillis
                + " ms, heap used " + usedMb + " MiB)\n\n");
        endpoints.forEach((name, where) -> out.append(String.format("    %-20s %s%n", name, where)));
        out.append("\n    Status page: ").append(publisherUrl()).append("/  (open it in a browser)\n");
        out.append("    Ops console: ").append(endpoints.get("ops-console")).append('\n');
        out.append("    Try: curl ").append(publisherUrl()).append("/api/v2/summary.json\n");
        out.append("    Stop: Ctrl-C\n");
        System.out.println(out);
    }

    private static void refuseIfTaken(String host, int port, String what, String variable) {
        if (port != 0 && EmbeddedKafka.isListening(host, port)) {
            throw new IllegalStateException("Port " + port + " on " + host + " is already in use, so " + what
                    + " cannot start. Is another ./tocsin local running? Stop it, or set " + variable + ".");
        }
    }

    /** Stops everything in reverse start order. */
    @Override
    public void close() {
        running.close();
    }
}
