package dev.tourniquet.flow;

import dev.tourniquet.internal.OwnStack;
import dev.tourniquet.signal.CompromisedFunction;
import dev.tourniquet.signal.FunctionArn;
import dev.tourniquet.signal.FunctionFacts;
import dev.tourniquet.signal.Origin;
import dev.tourniquet.signal.Provenance;
import dev.tourniquet.signal.Signal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.FunctionConfiguration;

/**
 * Functions whose {@code LastModified} (creation, or the last change of code or configuration: Lambda reports no
 * creation time) falls in a span, listed with {@code lambda:ListFunctions} (fifty a page) through the region's paced
 * client. Tourniquet's own functions are skipped by exact ARN; one known only by its stack tag is recorded-only by the
 * playbook, as any signal about it is.
 */
final class AppearedFunctions implements AppearedResources {
    // Lambda writes "2024-01-01T12:00:00.000+0000"; emulators may write an ISO offset.
    private static final DateTimeFormatter LAST_MODIFIED = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd().toFormatter();

    private final Function<String, LambdaClient> lambda;
    private final OwnStack own;

    AppearedFunctions(Function<String, LambdaClient> lambda, OwnStack own) {
        this.lambda = lambda;
        this.own = own;
    }

    @Override
    public String kind() {
        return FunctionSweeper.RESOURCE_TYPE;
    }

    @Override
    public List<Appeared> list(String region, Instant from, Instant to) {
        List<Appeared> appeared = new ArrayList<>();
        for (FunctionConfiguration function : lambda.apply(region).listFunctionsPaginator().functions()) {
            Optional<Instant> at = lastModified(function.lastModified());
            Optional<FunctionArn> arn = FunctionArn.parse(function.functionArn() == null ? "" : function.functionArn());
            if (at.isPresent() && arn.isPresent() && !at.get().isBefore(from) && !at.get().isAfter(to)
                    && !own.isOwnFunction(arn.get().unqualified())) {
                appeared.add(new Appeared(arn.get().unqualified(), region, arn.get().account(), at.get()));
            }
        }
        return appeared;
    }

    @Override
    public Signal signal(Origin origin, String resourceId, String region, String reason,
                         Optional<Provenance> creator) {
        FunctionArn arn = FunctionArn.parse(resourceId).orElseThrow();
        return new CompromisedFunction(origin, arn.unqualified(), arn.name(), arn.region(), Optional.empty(), reason,
                Optional.of(new FunctionFacts(Optional.empty(), Map.of(), creator)));
    }

    static Optional<Instant> lastModified(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text, LAST_MODIFIED).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
