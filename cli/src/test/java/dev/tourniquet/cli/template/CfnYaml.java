package dev.tourniquet.cli.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * {@code template.yaml} read with its CloudFormation short tags kept ({@code !Ref X} becomes
 * {@code {"Ref": X}}, {@code !Join [...]} becomes {@code {"Fn::Join": [...]}}), and the few intrinsic functions
 * a policy uses evaluated for given parameters and attributes: what CloudFormation would deploy.
 */
final class CfnYaml {
    private CfnYaml() {}

    @SuppressWarnings("unchecked")
    static Map<String, Object> load(Path template) {
        try (Reader reader = Files.newBufferedReader(template)) {
            return (Map<String, Object>) new Yaml(new ShortTags()).load(reader);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Evaluates {@code Ref}, {@code Fn::GetAtt}, {@code Fn::Sub} (of references only), {@code Fn::Join},
     * {@code Fn::Split} and {@code Fn::If}; {@code refs} answers a {@code Ref} or {@code GetAtt} ("X.Arn"),
     * {@code conditions} a condition's name.
     */
    @SuppressWarnings("unchecked")
    static Object evaluate(Object value, Function<String, Object> refs, Function<String, Boolean> conditions) {
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>();
            list.forEach(item -> out.add(evaluate(item, refs, conditions)));
            return out;
        }
        if (!(value instanceof Map<?, ?> map) || map.size() != 1) {
            return value;
        }
        Map.Entry<String, Object> fn = ((Map<String, Object>) map).entrySet().iterator().next();
        Object argument = fn.getValue();
        return switch (fn.getKey()) {
            case "Ref", "Fn::GetAtt" -> refs.apply(String.valueOf(argument));
            case "Fn::If" -> {
                List<Object> args = (List<Object>) argument;
                yield evaluate(conditions.apply((String) args.get(0)) ? args.get(1) : args.get(2), refs, conditions);
            }
            case "Fn::Join" -> {
                List<Object> args = (List<Object>) argument;
                List<Object> parts = (List<Object>) evaluate(args.get(1), refs, conditions);
                yield String.join((String) args.get(0), parts.stream().map(String::valueOf).toList());
            }
            case "Fn::Split" -> {
                List<Object> args = (List<Object>) argument;
                yield List.of(((String) evaluate(args.get(1), refs, conditions)).split(
                        java.util.regex.Pattern.quote((String) args.get(0)), -1));
            }
            default -> value;
        };
    }

    // Every "!Name" tag becomes {"Fn::Name": value}, except !Ref, which becomes {"Ref": value}.
    private static final class ShortTags extends SafeConstructor {
        ShortTags() {
            super(new LoaderOptions());
            this.yamlConstructors.put(null, new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    String tag = node.getTag().getValue();
                    Object value = switch (node) {
                        case ScalarNode scalar -> constructScalar(scalar);
                        case SequenceNode sequence -> constructSequence(sequence);
                        case MappingNode mapping -> constructMapping(mapping);
                        default -> null;
                    };
                    if (!tag.startsWith("!")) {
                        return value;
                    }
                    String name = tag.substring(1);
                    return Map.of("Ref".equals(name) ? "Ref" : "Fn::" + name, value);
                }
            });
        }
    }
}
