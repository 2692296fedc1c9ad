package dev.apitpl.core.local;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces the {@code ${Name}} placeholders of a definition (table names, function ARNs) with the
 * values a deployment would put there, as {@code DefinitionSubstitutions} does on AWS. Values are
 * JSON-escaped since placeholders sit inside JSON strings.
 */
public final class Substitutions {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)}");

    private Substitutions() {}

    public static String apply(String definition, Map<String, String> values, String source) throws LocalRunException {
        Set<String> missing = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(definition);
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String value = values.get(matcher.group(1));
            if (value == null) {
                missing.add(matcher.group(1));
                value = matcher.group();
            } else {
                value = new String(JsonStringEncoder.getInstance().quoteAsString(value));
            }
            matcher.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        matcher.appendTail(out);
        if (!missing.isEmpty()) {
            throw new LocalRunException(source + " has placeholders without a value: " + missing
                    + ". Give each one a value: <substitutions><" + missing.iterator().next()
                    + ">...</" + missing.iterator().next() + "></substitutions> in the plugin configuration, "
                    + "or a line " + missing.iterator().next() + "=... in the <substitutionsFile> (-Dapitpl.substitutionsFile);"
                    + " on the command line, an entry for it in the file passed to --substitutions");
        }
        return out.toString();
    }
}
