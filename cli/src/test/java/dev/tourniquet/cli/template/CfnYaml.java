package dev.tourniquet.cli.template;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code template.yaml} read with its CloudFormation short tags kept ({@code !Ref X} becomes
 * {@code {"Ref": X}}, {@code !Join [...]} becomes {@code {"Fn::Join": [...]}}), and the few intrinsic functions
 * a policy uses evaluated for given parameters and attributes: what CloudFormation would deploy.
 */
final class CfnYaml {
    private CfnYaml() {}

    static Map<String, Object> load(Path template) {
        return dev.tourniquet.cli.local.CloudFormationYaml.load(template);
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
}
