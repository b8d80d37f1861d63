package dev.tourniquet.cli.local;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A CloudFormation template read with its short tags kept as what they stand for: {@code !Ref X} becomes
 * {@code {"Ref": X}}, {@code !Join [...]} becomes {@code {"Fn::Join": [...]}} (Jackson's YAML reader drops the tags).
 */
public final class CloudFormationYaml {
    private CloudFormationYaml() {}

    @SuppressWarnings("unchecked")
    public static Map<String, Object> load(Path template) {
        try (Reader reader = Files.newBufferedReader(template)) {
            return (Map<String, Object>) new Yaml(new ShortTags()).load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + template + ": " + e.getMessage(), e);
        }
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
