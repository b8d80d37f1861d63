package dev.tourniquet.cli.bench;

import dev.tourniquet.cli.local.LocalAccount;
import dev.tourniquet.internal.AwsClients;
import dev.tourniquet.records.ProvenanceStore;
import dev.tourniquet.signal.Provenance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.lambda.LambdaClient;

/**
 * The sweep's scene: a user's key created functions across regions, and Tourniquet's provenance records
 * say so (what the CloudTrail {@code CreateFunction20150331} events would have recorded); the load's scene
 * uses its functions without provenance. Built through unrecorded admin clients; never measured.
 */
final class SweepScene {
    /** The regions functions are spread over, in order. */
    static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1",
            "ap-southeast-2", "ap-northeast-1", "sa-east-1");

    private SweepScene() {}

    /** Creates {@code functions} functions round-robin over the first {@code regions} regions; returns their ARNs. */
    static List<String> create(BenchAccount account, BenchAccount.ExposedKey creator, int functions, int regions) {
        AwsClients admin = account.admin();
        String role = role(admin, "bench-miner-role-" + creator.user());
        String userArn = admin.iam().getUser(r -> r.userName(creator.user())).user().arn();
        ProvenanceStore provenance = new ProvenanceStore(admin.dynamoDb(), account.configuration().tableName());
        return deploy(admin, role, "bench-miner-" + creator.user() + "-", functions,
                REGIONS.subList(0, Math.min(regions, REGIONS.size())), (region, name, arn) -> provenance.record(
                        new Provenance("bench-" + name, "CreateFunction20150331", Instant.now(), region,
                                LocalAccount.ACCOUNT_ID, "function", arn, Optional.of(creator.accessKeyId()), userArn,
                                "IAMUser")));
    }

    /** A role Lambda may assume, for the scene's functions; returns its ARN. */
    static String role(AwsClients admin, String name) {
        return admin.iam().createRole(r -> r.roleName(name).assumeRolePolicyDocument(TRUST)).role().arn();
    }

    /** What is done once a function exists (its provenance recorded, or nothing). */
    interface Deployed {
        void created(String region, String name, String arn);
    }

    /**
     * Creates {@code functions} functions named {@code prefix} + index, round-robin over {@code regions}, four at
     * a time; returns their ARNs in index order.
     */
    static List<String> deploy(AwsClients admin, String role, String prefix, int functions, List<String> regions,
                               Deployed then) {
        SdkBytes code = SdkBytes.fromByteArray(zip());
        List<Future<String>> created = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < functions; i++) {
                String region = regions.get(i % regions.size());
                String name = prefix + i;
                created.add(pool.submit(() -> {
                    LambdaClient lambda = admin.client("lambda", region, LambdaClient::builder);
                    String arn = lambda.createFunction(r -> r.functionName(name).runtime("python3.12").role(role)
                            .handler("index.handler").code(c -> c.zipFile(code))).functionArn();
                    then.created(region, name, arn);
                    return arn;
                }));
            }
            return Futures.all(created, "creating the scene's functions");
        }
    }

    /** The code package every function of the scene has. */
    static byte[] zip() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("index.py"));
            zip.write("def handler(event, context):\n    return 'mining'\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static final String TRUST = """
            {"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},\
            "Action":"sts:AssumeRole"}]}""";
}
