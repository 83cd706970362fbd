package io.github.dlradiomics.scijava;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.scijava.plugin.Parameter;

/**
 * The Script Editor templates (Templates &gt; DLRadiomics) without a Groovy or Jython interpreter: they are on
 * the class path where Fiji looks, every DLRadiomics class and method they name exists, and the input names
 * they pass to the command are the command's parameters, so a rename breaks this test instead of a user's
 * script.
 */
class ScriptTemplatesTest {
    private static final Pattern CLASS = Pattern.compile("io\\.github\\.dlradiomics(?:\\.[a-z0-9]+)+\\.[A-Z]\\w*");
    private static final Pattern PY_IMPORT = Pattern.compile(
            "from (io\\.github\\.dlradiomics[\\w.]*) import ([\\w, ]+)");
    private static final Pattern RUN = Pattern.compile("cs\\.run\\((\\w+), (?:true|True),([^)]*)\\)", Pattern.DOTALL);
    private static final Pattern NAME = Pattern.compile("\"(\\w+)\", \\w+");

    static String template(String file) throws IOException {
        try (InputStream in = ScriptTemplatesTest.class.getClassLoader()
                .getResourceAsStream("script_templates/DLRadiomics/" + file)) {
            assertNotNull(in, "script_templates/DLRadiomics/" + file + " is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Fully qualified DLRadiomics class names the script mentions (imports, comments included). */
    static Set<String> classNames(String script) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = CLASS.matcher(script);
        while (m.find()) {
            names.add(m.group());
        }
        Matcher py = PY_IMPORT.matcher(script);
        while (py.find()) {
            for (String n : py.group(2).split(",")) {
                names.add(py.group(1) + "." + n.trim());
            }
        }
        return names;
    }

    @ParameterizedTest
    @ValueSource(strings = {"Radiomics_Features.groovy", "Radiomics_Features.py"})
    void templateNamesExistingClassesAndParameters(String file) throws Exception {
        String script = template(file);
        assertTrue(script.startsWith("#@ "), "script parameters first: " + file);
        assertTrue(script.contains("#@ CommandService cs"), file);
        Set<String> names = classNames(script);
        assertTrue(names.contains(RadiomicsFeaturesCmd.class.getName()), names.toString());
        for (String n : names) {
            assertDoesNotThrow(() -> Class.forName(n), file + " names " + n + ", which does not exist");
        }
        // the API one-liner in the comment: the methods exist with those arities
        assertTrue(script.contains("RadiomicsParams.defaults().withLabel(1)"), file);
        assertDoesNotThrow(() -> io.github.dlradiomics.radiomics.RadiomicsParams.class.getMethod("withLabel", int.class));
        assertDoesNotThrow(() -> io.github.dlradiomics.image.Volumes.class.getMethod("read", java.nio.file.Path.class));

        Matcher run = RUN.matcher(script);
        assertTrue(run.find(), "no cs.run(Command, true, ...) in " + file);
        assertEquals(RadiomicsFeaturesCmd.class.getSimpleName(), run.group(1));
        List<String> passed = new ArrayList<>();
        Matcher n = NAME.matcher(run.group(2));
        while (n.find()) {
            passed.add(n.group(1));
        }
        assertFalse(passed.isEmpty(), file);
        for (String p : passed) {
            Field f = assertDoesNotThrow(() -> RadiomicsFeaturesCmd.class.getDeclaredField(p),
                    file + " passes '" + p + "', which RadiomicsFeaturesCmd does not have");
            assertNotNull(f.getAnnotation(Parameter.class), p);
        }
        for (String out : List.of("features", "csv")) {
            assertTrue(script.contains("getOutput(\"" + out + "\")"), file);
            assertNotNull(RadiomicsFeaturesCmd.class.getDeclaredField(out).getAnnotation(Parameter.class), out);
        }
    }
}
