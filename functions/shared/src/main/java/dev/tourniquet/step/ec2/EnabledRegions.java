package dev.tourniquet.step.ec2;

import dev.tourniquet.internal.AwsClients;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Region;

/**
 * The account's enabled regions, where a credential may have acted: {@code DescribeRegions} with every region asked
 * for, kept when its opt-in status is {@code opt-in-not-required} (enabled by default) or {@code opted-in}; a region
 * not opted in cannot be called, and so holds nothing. Asked once per call, of the records region: a region
 * enabled since the last sweep counts at once.
 *
 * <p>IAM actions: {@code ec2:DescribeRegions}.
 *
 * @see <a href="https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_DescribeRegions.html">DescribeRegions</a>
 */
public final class EnabledRegions {
    public static final List<String> PERMISSIONS = List.of("ec2:DescribeRegions");
    private static final Set<String> ENABLED = Set.of("opt-in-not-required", "opted-in");

    private final AwsClients clients;

    public EnabledRegions(AwsClients clients) {
        this.clients = clients;
    }

    /** The names of the enabled regions, sorted. */
    public List<String> list() {
        Ec2Client ec2 = clients.client("ec2", clients.configuration().recordsRegion(), Ec2Client::builder);
        return enabled(ec2.describeRegions(r -> r.allRegions(true)).regions());
    }

    /** Those of {@code regions} that are enabled (by default or opted in), sorted by name. */
    static List<String> enabled(Collection<Region> regions) {
        return regions.stream().filter(r -> r.optInStatus() != null && ENABLED.contains(r.optInStatus())).map(Region::regionName).distinct()
                .sorted().toList();
    }
}
