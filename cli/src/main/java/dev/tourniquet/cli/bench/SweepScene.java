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
 * say so (what the CloudTrail {@code CreateFunction20150331} events would have recorded). Built through
 * unrecorded admin clients; never measured.
 */
final class SweepScene {
    /** The regions functions are spread over, in order. */
    static final List<String> REGIONS = List.of("us-east-1", "us-east-2", "us-west-2", "eu-west-1", "eu-central-1",
            "ap-southeast-2", "ap-northeast-1", "sa-east-1");

    private SweepScene() {}

    /** Creates {@code functions} functions round-robin over the first {@code regions} regions; returns their ARNs. */
    static List<String> create(BenchAccount account, BenchAccount.ExposedKey creator, int functions, int regions) {
        AwsClients admin = account.admin();
        String role = admin.iam().createRole(r -> r.roleName("bench-miner-role-" + creator.user())
                .assumeRolePolicyDocument(TRUST)).role().arn();
        String userArn = admin.iam().getUser(r -> r.userName(creator.user())).user().arn();
        ProvenanceStore provenance = new ProvenanceStore(admin.dynamoDb(), account.configuration().tableName());
        SdkBytes code = SdkBytes.fromByteArray(zip());
        List<Future<String>> created = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < functions; i++) {
                String region = REGIONS.get(i % Math.min(regions, REGIONS.size()));
                String name = "bench-miner-" + creator.user() + "-" + i;
                created.add(pool.submit(() -> {
                    LambdaClient lambda = admin.client("lambda", region, LambdaClient::builder);
                    String arn = lambda.createFunction(r -> r.functionName(name).runtime("python3.12").role(role)
                            .handler("index.handler").code(c -> c.zipFile(code))).functionArn();
                    provenance.record(new Provenance("bench-" + name, "CreateFunction20150331", Instant.now(),
                            region, LocalAccount.ACCOUNT_ID, "function", arn, Optional.of(creator.accessKeyId()),
                            userArn, "IAMUser"));
                    return arn;
                }));
            }
            List<String> arns = new ArrayList<>();
            for (Future<String> future : created) {
                arns.add(future.get());
            }
            return arns;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while creating the sweep's functions", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot create the sweep's functions: " + e.getCause().getMessage(), e);
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
