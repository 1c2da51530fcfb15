package org.volsched.cli.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Generators of the values real inputs get wrong: wrong types, negative, huge and tiny numbers,
 * the words {@code infinite}/{@code unknown} and their misspellings, numeric strings, unicode,
 * very long strings, deep nesting, and syntactically odd filter expressions, JSON queries and
 * extra specs.
 */
final class OddValues {
    static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** Longer than any limit volsched documents for a single text field except the expression limit. */
    static final int LONG_TEXT = 70_000;

    private OddValues() {
    }

    private static final List<String> ODD_WORDS = List.of("", " ", "infinite", "unknown", "Infinite", "INFINITE",
            "Unknown", "Infinity", "-Infinity", "NaN", "nan", "inf", "-inf", "+inf", "1e400", "-1e400", "1e-400",
            " 5 ", "5_000", "0x10", "1,5", "10GB", "1.5.2", "None", "null", "True", "False", "true", "<is> True",
            "<in>", "<or>", "<or> a <or>", "= 5", ">= x", "s< 3", "[]", "{}", "\u0000", "\uFEFF", "\uD835\uDD18",
            "\u202Eevil", "ñame", "日本語", "#", "@", "a#b#c", "host@backend#pool", "$free_capacity_gb", "auto",
            "20.0", "-1", "0", "0.0", "99999999999999999999999999", "1e308", "\"", "'", "\\", "\n", "\t");

    /** Odd scalars: numbers at the edges, odd words, short arbitrary unicode. */
    static Arbitrary<JsonNode> scalars() {
        Arbitrary<JsonNode> fixed = Arbitraries.of(List.of(F.nullNode(), F.booleanNode(true), F.booleanNode(false),
                F.numberNode(0), F.numberNode(-0.0), F.numberNode(-1), F.numberNode(1), F.numberNode(Long.MAX_VALUE),
                F.numberNode(Long.MIN_VALUE), F.numberNode(Integer.MAX_VALUE), F.numberNode(Integer.MIN_VALUE),
                F.numberNode(2147483648L), F.numberNode(4294967296L),
                F.numberNode(BigInteger.TEN.pow(40)), F.numberNode(BigInteger.TEN.pow(40).negate()),
                F.numberNode(new BigDecimal("1e400")), F.numberNode(1e308), F.numberNode(-1e308),
                F.numberNode(Double.MIN_VALUE), F.numberNode(Double.MAX_VALUE), F.numberNode(0.1), F.numberNode(2.5),
                F.numberNode(1e-9)));
        Arbitrary<JsonNode> words = Arbitraries.of(ODD_WORDS).map(F::textNode);
        Arbitrary<JsonNode> ints = Arbitraries.longs().map(F::numberNode);
        Arbitrary<JsonNode> doubles = Arbitraries.doubles().between(-1e12, 1e12).map(F::numberNode);
        Arbitrary<JsonNode> text = Arbitraries.strings().all().ofMaxLength(40).map(F::textNode);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, fixed), net.jqwik.api.Tuple.of(4, words), net.jqwik.api.Tuple.of(2, ints),
                net.jqwik.api.Tuple.of(2, doubles), net.jqwik.api.Tuple.of(2, text),
                net.jqwik.api.Tuple.of(1, longText().map(F::textNode)));
    }

    /** A long string of a few repeated characters (cheap to generate, long enough to hurt). */
    static Arbitrary<String> longText() {
        return Combinators.combine(Arbitraries.of("a", "é", "#", "\uD835\uDD18", "(", "[", " ", "1"),
                Arbitraries.integers().between(1_000, LONG_TEXT)).as((s, n) -> s.repeat(Math.max(1, n / s.length())));
    }

    /** Any odd value: a scalar, a small container of scalars, or a deeply nested container. */
    static Arbitrary<JsonNode> values() {
        Arbitrary<JsonNode> lists = scalars().list().ofMaxSize(4).map(l -> {
            ArrayNode a = F.arrayNode();
            l.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> objects = Combinators.combine(keys().list().ofMaxSize(4), scalars().list().ofSize(4))
                .as((ks, vs) -> {
                    ObjectNode o = F.objectNode();
                    for (int i = 0; i < ks.size(); i++) {
                        o.set(ks.get(i), vs.get(i));
                    }
                    return (JsonNode) o;
                });
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(8, scalars()), net.jqwik.api.Tuple.of(2, lists),
                net.jqwik.api.Tuple.of(2, objects), net.jqwik.api.Tuple.of(1, nested()));
    }

    /** Lists or objects nested 1 to 260 deep (the scenario reader accepts 200). */
    static Arbitrary<JsonNode> nested() {
        return Combinators.combine(Arbitraries.integers().between(1, 260), Arbitraries.of(true, false), scalars())
                .as((depth, lists, leaf) -> {
                    JsonNode n = leaf;
                    for (int i = 0; i < depth; i++) {
                        n = lists ? F.arrayNode().add(n) : F.objectNode().set("k", n);
                    }
                    return n;
                });
    }

    /** Odd object keys. */
    static Arbitrary<String> keys() {
        return Arbitraries.oneOf(Arbitraries.of("", " ", "pools", "pool_name", "total_capacity_gb", "size",
                        "capabilities", "__proto__", "a:b:c", "capabilities:x", "\u0000", "ключ", "\uD83D\uDE00",
                        "provisioned_capacity", "free_capacity", "host", "null"),
                Arbitraries.strings().all().ofMaxLength(20), longText().map(s -> s.substring(0, Math.min(s.length(), 5000))));
    }

    /** What a driver may put in a capacity field. */
    static Arbitrary<JsonNode> capacities() {
        Arbitrary<JsonNode> words = Arbitraries.of("infinite", "unknown", "Infinite", "UNKNOWN", "inf", "nan", "NaN",
                "Infinity", "-Infinity", "1e400", "100", " 100 ", "100.5", "1_000", "-5", "", "none").map(F::textNode);
        Arbitrary<JsonNode> numbers = Arbitraries.oneOf(Arbitraries.longs().between(-1_000_000, 10_000_000),
                Arbitraries.of(0L, -1L, Long.MAX_VALUE, Long.MIN_VALUE)).map(F::numberNode);
        Arbitrary<JsonNode> doubles = Arbitraries.oneOf(Arbitraries.doubles().between(-1e6, 1e7),
                Arbitraries.of(1e308, -1e308, Double.MIN_VALUE, -0.0, 0.005, 1e-300)).map(F::numberNode);
        Arbitrary<JsonNode> odd = Arbitraries.of(F.nullNode(), F.booleanNode(true), F.booleanNode(false),
                F.arrayNode().add(100), F.objectNode().put("gb", 100), F.numberNode(BigInteger.TEN.pow(30)),
                F.numberNode(new BigDecimal("1e400")));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, words), net.jqwik.api.Tuple.of(3, numbers),
                net.jqwik.api.Tuple.of(2, doubles), net.jqwik.api.Tuple.of(1, odd));
    }

    /** Expressions for {@code filter_function} / {@code goodness_function}: valid, odd, deep and long. */
    static Arbitrary<String> expressions() {
        Arbitrary<String> atoms = Arbitraries.of("1", "0", "2.5", "100", "99999999999999999999999", "1" + "0".repeat(400),
                "volume.size", "capabilities.total_capacity_gb", "capabilities.free_capacity_gb",
                "capabilities.allocated_capacity_gb", "capabilities.reserved_percentage", "capabilities.pool_name",
                "capabilities.thin_provisioning_support", "stats.free_capacity_gb", "stats.host", "stats.updated",
                "extra.x", "qos.x", "unknown.key", "volume.metadata", "capabilities.pools", "'text'", "\"7\"",
                "inf", "nan", "Infinity", "foo", "a.b.c", "x1", "True", "''", "ü", "\uD835\uDD18", "ñ.ñ");
        Arbitrary<String> ops = Arbitraries.of("+", "-", "*", "/", "^", "<", "<=", ">", ">=", "==", "!=", "<>",
                "and", "or", "&&", "||", ",", "?", ":", "%", "=", "AND", "OR");
        Arbitrary<String> prefixes = Arbitraries.of("", "-", "+", "not ", "!", "abs", "max", "min", "NOT ", "- -");
        Arbitrary<String> flat = Combinators.combine(atoms.list().ofMinSize(1).ofMaxSize(6), ops.list().ofSize(6),
                prefixes.list().ofSize(6)).as((as, os, ps) -> {
                    StringBuilder sb = new StringBuilder();
                    for (int i = 0; i < as.size(); i++) {
                        if (i > 0) {
                            sb.append(' ').append(os.get(i)).append(' ');
                        }
                        sb.append(ps.get(i)).append(as.get(i));
                    }
                    return sb.toString();
                });
        Arbitrary<String> deep = Combinators.combine(flat, Arbitraries.integers().between(1, 2_000),
                Arbitraries.of("(", "-", "not ", "abs(", "2^", "1, "), Arbitraries.of(true, false))
                .as((core, depth, open, balanced) -> {
                    String close = open.endsWith("(") ? ")" : "";
                    return open.repeat(depth) + core + (balanced ? close.repeat(depth) : "");
                });
        // Chains of up to about 80,000 characters: beyond the evaluator's 65,536 limit, within the reader's 10 MB.
        Arbitrary<String> long_ = Combinators.combine(flat, Arbitraries.integers().between(1_000, 80_000))
                .as((core, n) -> String.join(" + ", java.util.Collections.nCopies(Math.max(1, n / (core.length() + 3)),
                        core)));
        Arbitrary<String> heavy = Arbitraries.of("9^9^9^9", "(9^9)^(9^9)", "'ab' * 999999999", "2^99999",
                "10.5^400", "99999^99999^2", "1/0", "0/0", "max(1, 2, 3)", "min(7)", "abs 'x'",
                "'a' + 1", "1, 2, 3 + 4", "capabilities.free_capacity_gb ^ 1000", "(1, 2) * 999999");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, flat), net.jqwik.api.Tuple.of(2, deep),
                net.jqwik.api.Tuple.of(1, long_), net.jqwik.api.Tuple.of(2, heavy),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(60)));
    }

    /** JSON queries for {@code scheduler_hints.query}: valid, odd, deeply nested, malformed. */
    static Arbitrary<String> jsonQueries() {
        Arbitrary<String> commands = Arbitraries.of("=", "<", ">", "<=", ">=", "in", "not", "or", "and", "xor", "",
                "$free_capacity_gb");
        Arbitrary<String> args = Arbitraries.of("\"$free_capacity_gb\"", "\"$total_capacity_gb\"",
                "\"$capabilities.pool_name\"", "\"$capabilities.a.b.c\"", "\"$host\"", "\"$service.host\"",
                "\"$nothing\"", "\"$\"", "\"\"", "100", "-1", "1e308", "true", "null", "\"infinite\"", "[]", "{}",
                "\"\\u0000\"", "\"日本\"", "1" + "0".repeat(300), "[\"=\", 1, 1]");
        Arbitrary<String> simple = Combinators.combine(commands, args.list().ofMaxSize(4))
                .as((c, as) -> "[\"" + c + "\"" + (as.isEmpty() ? "" : ", " + String.join(", ", as)) + "]");
        Arbitrary<String> deep = Combinators.combine(simple, Arbitraries.integers().between(1, 5_000),
                Arbitraries.of("and", "or", "not"), Arbitraries.of(true, false)).as((core, depth, op, balanced) ->
                ("[\"" + op + "\", ").repeat(depth) + core + (balanced ? "]".repeat(depth) : ""));
        Arbitrary<String> odd = Arbitraries.of("", " ", "null", "[]", "{}", "\"text\"", "42", "[42]", "[[]]",
                "[\"=\"]", "[\"in\", \"$host\"]", "{\"=\": 1}", "[\"=\", \"$free_capacity_gb\", ", "NaN", "[1e999]",
                "[\"<\", \"$free_capacity_gb\", \"unknown\"]", "\uFEFF[]", "[\"and\"]", "[\"or\"]");
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, simple), net.jqwik.api.Tuple.of(2, deep),
                net.jqwik.api.Tuple.of(2, odd), net.jqwik.api.Tuple.of(1, Arbitraries.strings().all().ofMaxLength(40)));
    }

    /** Volume-type extra specs with odd keys and values. */
    static Arbitrary<JsonNode> extraSpecs() {
        Arbitrary<String> specKeys = Arbitraries.oneOf(Arbitraries.of("capabilities:storage_protocol",
                "storage_protocol", "volume_backend_name", "capabilities:pool_name", "thin_provisioning_support",
                "capabilities:a:b:c", "capabilities", "capabilities:", ":", "::", "provisioning:type", "QoS:x",
                "RESKEY:availability_zones", "free_capacity_gb", "capabilities:free_capacity_gb", "multiattach",
                "capabilities:pools", "capabilities:capabilities"), keys());
        Arbitrary<JsonNode> specValues = Arbitraries.oneOf(Arbitraries.of("<is> True", "<is> maybe", "<in> iSCSI",
                "<in>", "<or>", "<or> a <or> b", "<or> a <or>", "= 5", "= x", "== 1e400", "!= nan", ">= -inf",
                "<= 100", "s< 3", "s== ", "s>= ä", "thick", "thin", "True", "", "   ", "<all-in> a", "< 3", "> 3",
                "=", "==").map(F::textNode), scalars());
        return Combinators.combine(specKeys.list().ofMaxSize(5), specValues.list().ofSize(5)).as((ks, vs) -> {
            ObjectNode o = F.objectNode();
            for (int i = 0; i < ks.size(); i++) {
                o.set(ks.get(i), vs.get(i));
            }
            return (JsonNode) o;
        });
    }
}
