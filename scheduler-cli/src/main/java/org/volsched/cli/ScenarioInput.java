package org.volsched.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.volsched.cli.scenario.Scenario;
import org.volsched.cli.scenario.ScenarioException;
import org.volsched.cli.scenario.ScenarioParser;

/** Where the commands read scenarios from: a file, standard input ({@code -}), or the bundled examples. */
final class ScenarioInput {
    /** The argument that means standard input. */
    static final String STDIN = "-";
    /** How standard input is named in messages. */
    static final String STDIN_SOURCE = "<stdin>";

    private ScenarioInput() {
    }

    /** How {@code file} is named in messages. */
    static String source(String file) {
        return STDIN.equals(file) ? STDIN_SOURCE : file;
    }

    /**
     * Reads and checks one scenario.
     *
     * @throws ScenarioException every problem, each naming the file and the field path
     */
    static Scenario read(String file) throws ScenarioException {
        if (!STDIN.equals(file)) {
            return ScenarioParser.read(Path.of(file));
        }
        return ScenarioParser.parse(text(file), STDIN_SOURCE, name(file));
    }

    /** The scenario's name: {@code NAME} of {@code NAME.scenario.json}, {@code stdin} for standard input. */
    static String name(String file) {
        return STDIN.equals(file) ? "stdin" : ScenarioParser.nameOf(Path.of(file));
    }

    /**
     * The text of a scenario file, or of standard input for {@code -}.
     *
     * @throws ScenarioException naming the file when it cannot be read
     */
    static String text(String file) throws ScenarioException {
        try {
            if (STDIN.equals(file)) {
                return new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return Files.readString(Path.of(file), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ScenarioException(file + ": no such file");
        } catch (IOException e) {
            throw new ScenarioException(source(file) + ": cannot read: " + e);
        }
    }

    /** Where the bundled examples are in volsched's source tree, a path a user can open and copy. */
    static final String EXAMPLES_SOURCE = "scheduler-cli/src/main/resources/examples/";

    /** How messages name a bundled example: its file in the source tree. */
    static String exampleLabel(String name) {
        return EXAMPLES_SOURCE + name + ".scenario.json";
    }

    /** The resource path of a bundled example. */
    static String exampleResource(String name) {
        return "/examples/" + name + ".scenario.json";
    }

    /**
     * Reads a bundled example.
     *
     * @throws UserError when the build does not hold it
     */
    static Scenario example(String name) {
        String resource = exampleResource(name);
        try (InputStream in = ScenarioInput.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new UserError("the bundled example " + resource + " is missing from this build");
            }
            return ScenarioParser.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), exampleLabel(name),
                    name);
        } catch (IOException e) {
            throw new UserError("cannot read the bundled example " + resource + ": " + e.getMessage(), e);
        } catch (ScenarioException e) {
            throw new UserError(e.problems());
        }
    }
}
