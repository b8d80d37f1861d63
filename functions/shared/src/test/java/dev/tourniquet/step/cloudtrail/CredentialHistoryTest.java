package dev.tourniquet.step.cloudtrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tourniquet.Samples;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.internal.Configuration;
import dev.tourniquet.internal.RatePacer;
import dev.tourniquet.signal.Provenance;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * The history of a key in several regions against a small LookupEvents server: every page read, the window kept,
 * each region paced on a virtual clock (nothing waits in real time), a failing region named while the others are read.
 */
class CredentialHistoryTest {
    private static final String KEY = "AKIAIOSFODNN7EXAMPLE";
    private static final Instant WINDOW = Instant.parse("2026-11-20T03:00:00Z");
    private static final long SECOND = 1_000_000_000L;

    private HistoryServer server;
    private final ThreadLocal<long[]> clock = ThreadLocal.withInitial(() -> new long[] {SECOND});
    private final Map<String, List<Long>> sent = new ConcurrentHashMap<>();

    @BeforeAll
    static void credentials() {
        if (System.getenv("AWS_ACCESS_KEY_ID") == null && System.getProperty("aws.accessKeyId") == null) {
            System.setProperty("aws.accessKeyId", "testing");
            System.setProperty("aws.secretAccessKey", "testing");
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = new HistoryServer(2);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private CredentialHistory history() {
        Configuration configuration = Configuration.defaults("us-east-1").toBuilder()
                .endpoint(Optional.of(server.endpoint())).build();
        // Stamps each call when it leaves, on the clock of the thread that sends it (after the pacer let it go).
        ExecutionInterceptor stamp = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                String region = attributes.getAttribute(software.amazon.awssdk.awscore.AwsExecutionAttribute.AWS_REGION)
                        .id();
                sent.computeIfAbsent(region, r -> new CopyOnWriteArrayList<>()).add(clock.get()[0]);
            }
        };
        RatePacer.Time time = new RatePacer.Time(() -> clock.get()[0], nanos -> clock.get()[0] += Math.max(0, nanos));
        return new CredentialHistory(new AwsClients(configuration, List.of(stamp), time));
    }

    private static ObjectNode launch(String region, String instanceId, String time, String key) {
        ObjectNode record = (ObjectNode) Samples.load("cloudtrail-ec2-run-instances.json").path("detail").deepCopy();
        record.put("awsRegion", region).put("eventTime", time).put("eventID", instanceId + "-event");
        ((ObjectNode) record.path("userIdentity")).put("accessKeyId", key);
        ((ObjectNode) record.at("/responseElements/instancesSet/items/0")).put("instanceId", instanceId);
        return record;
    }

    private static List<String> instances(RegionHistory.Read read) {
        return read.records().stream().filter(p -> p.resourceType().equals("instance")).map(Provenance::resourceId)
                .toList();
    }

    @Test
    void read_everyPage_ofEveryRegion_inTheWindow_paced() {
        for (int i = 0; i < 5; i++) {
            server.add("eu-west-1", launch("eu-west-1", "i-0000000000000000" + i, "2026-11-20T03:1" + i + ":00Z", KEY));
        }
        server.add("eu-west-1", launch("eu-west-1", "i-0before0window000", "2026-11-20T02:00:00Z", KEY));
        server.add("sa-east-1", launch("sa-east-1", "i-0sa0000000000000", "2026-11-20T03:30:00Z", KEY));

        List<RegionHistory> histories = history().read(List.of("eu-west-1", "sa-east-1", "us-west-2"),
                HistoryLookup.of(KEY).orElseThrow(), WINDOW);

        assertThat(histories).extracting(RegionHistory::region).containsExactly("eu-west-1", "sa-east-1", "us-west-2");
        RegionHistory.Read europe = (RegionHistory.Read) histories.get(0);
        assertThat(europe.pages()).isEqualTo(3);
        // RunInstances also records who wrote the instance's tags (kept for exempt tags): the instances are these.
        assertThat(instances(europe)).containsExactly("i-00000000000000000",
                "i-00000000000000001", "i-00000000000000002", "i-00000000000000003", "i-00000000000000004");
        assertThat(instances((RegionHistory.Read) histories.get(1))).containsExactly("i-0sa0000000000000");
        assertThat(((RegionHistory.Read) histories.get(2)).records()).isEmpty();
        assertThat(server.requests()).allSatisfy(request -> {
            assertThat(request.body().at("/LookupAttributes/0/AttributeKey").asText()).isEqualTo("AccessKeyId");
            assertThat(request.body().at("/LookupAttributes/0/AttributeValue").asText()).isEqualTo(KEY);
            assertThat(request.body().path("StartTime").asLong()).isEqualTo(WINDOW.getEpochSecond());
        });
        // One region's pages at most 2 a second (0.51 s apart); other regions do not wait for it.
        List<Long> europeCalls = sent.get("eu-west-1");
        assertThat(europeCalls).hasSize(3);
        for (int i = 1; i < europeCalls.size(); i++) {
            assertThat(europeCalls.get(i) - europeCalls.get(i - 1)).isGreaterThanOrEqualTo(SECOND / 2);
        }
        assertThat(sent.get("sa-east-1")).containsExactly(SECOND);
    }

    @Test
    void read_recordOfAnotherKey_orUnreadable_isNotTaken_andTheRestIs() {
        server.add("eu-west-1", launch("eu-west-1", "i-0mine000000000000", "2026-11-20T03:10:00Z", KEY));
        ObjectNode unreadable = launch("eu-west-1", "i-0garbled000000000", "2026-11-20T03:11:00Z", KEY);
        unreadable.put("unreadable", true);
        server.add("eu-west-1", unreadable);

        RegionHistory.Read read = (RegionHistory.Read) history().read(List.of("eu-west-1"),
                HistoryLookup.of(KEY).orElseThrow(), WINDOW).get(0);

        assertThat(instances(read)).containsExactly("i-0mine000000000000");
        assertThat(read.bad()).singleElement().asString().contains("i-0garbled000000000-event", "not JSON");
    }

    @Test
    void read_regionDenied_isNamed_andTheOthersAreRead() {
        server.add("sa-east-1", launch("sa-east-1", "i-0sa0000000000000", "2026-11-20T03:30:00Z", KEY));
        server.fail("eu-west-1", 400);

        List<RegionHistory> histories = history().read(List.of("eu-west-1", "sa-east-1"),
                HistoryLookup.of(KEY).orElseThrow(), WINDOW);

        assertThat(histories.get(0)).isInstanceOfSatisfying(RegionHistory.Failed.class, failed -> {
            assertThat(failed.reason()).contains("AccessDeniedException");
            assertThat(failed.retryable()).isFalse();
        });
        assertThat(histories.get(1)).isInstanceOf(RegionHistory.Read.class);
    }

    @Test
    void read_endpointWithoutLookupEvents_isNotServed_notAFailure() {
        server.fail("eu-west-1", 500);

        RegionHistory history = history().read(List.of("eu-west-1"), HistoryLookup.of(KEY).orElseThrow(), WINDOW)
                .get(0);

        assertThat(history).isInstanceOfSatisfying(RegionHistory.NotServed.class,
                notServed -> assertThat(notServed.reason()).contains("does not serve LookupEvents"));
    }
}
